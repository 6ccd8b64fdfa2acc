import * as z from "zod";
import { HttpError } from "../http-error.ts";
import { parseJsonBody } from "./parse-json-body.ts";

const eventData = z.object({
  resources: z
    .array(
      z.object({
        digest: z.string().nullish(),
        tag: z.string().nullish(),
        resource_url: z.string().nullish(),
      }),
    )
    .default([]),
  repository: z.object({ repo_full_name: z.string().min(1) }),
});

/** Harbor's "Default" payload format. */
const defaultSchema = z.object({ type: z.string(), occur_at: z.number().optional(), event_data: eventData });

/** Harbor's "CloudEvents" format (Harbor 2.8+): a structured CloudEvent whose data is the Default format's event_data. */
const cloudEventSchema = z.object({
  specversion: z.string(),
  id: z.string().min(1),
  type: z.string(),
  data: eventData,
});

// CloudEvents type names, by the Default format's names.
const CLOUD_EVENT_TYPES: Readonly<Record<string, string>> = { "harbor.artifact.pushed": "PUSH_ARTIFACT" };

export type HarborEventData = z.infer<typeof eventData>;

/** One Harbor delivery in either payload format: its Default event type, its data, and its id when it has one. */
export interface HarborPayload {
  type: string;
  data: HarborEventData;
  id?: string;
}

/** Reads a Harbor body in the Default or the CloudEvents payload format. */
export function harborPayload(body: Uint8Array): HarborPayload {
  const raw = parseJsonBody(body, z.record(z.string(), z.unknown()));
  if ("specversion" in raw) {
    const event = parseJsonBody(body, cloudEventSchema);
    return { type: CLOUD_EVENT_TYPES[event.type] ?? event.type, data: event.data, id: event.id };
  }
  if (!("event_data" in raw)) {
    throw new HttpError(
      400,
      "body is not a Harbor payload: expected the Default format (type, event_data) or CloudEvents (specversion, data)",
    );
  }
  const event = parseJsonBody(body, defaultSchema);
  return { type: event.type, data: event.event_data };
}
