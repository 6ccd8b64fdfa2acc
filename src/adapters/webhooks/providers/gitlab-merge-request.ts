import * as z from "zod";
import type { ChangeRequestAction } from "../../../core/events/change-request-event.ts";
import { changeRequestFrom } from "../../../core/events/change-request-from.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery } from "./webhook-provider.ts";

const urls = { git_http_url: z.string().nullish(), git_ssh_url: z.string().nullish(), web_url: z.string().nullish(), homepage: z.string().nullish() };
const labels = z.array(z.object({ title: z.string() })).nullish();

const mergeRequestSchema = z.object({
  object_kind: z.string(),
  project: z.object(urls),
  object_attributes: z.object({
    iid: z.number().int(),
    action: z.string().nullish(),
    source_branch: z.string(),
    last_commit: z.object({ id: z.string() }),
    labels,
  }),
  labels,
});

const ACTIONS: Readonly<Record<string, ChangeRequestAction>> = { open: "opened", reopen: "opened", update: "updated", close: "closed", merge: "merged" };

/** GitLab's `Merge Request Hook`: open, reopen, update (new commits, labels), close and merge; approvals change nothing. */
export function readGitLabMergeRequest(body: Uint8Array, deliveryId: string): ParsedDelivery {
  const payload = parseJsonBody(body, mergeRequestSchema);
  if (payload.object_kind !== "merge_request") return { deliveryId, events: [], ignored: [`${payload.object_kind} system event: Sluice reads merge requests`] };
  const mr = payload.object_attributes;
  const hostAction = mr.action ?? "unnamed action";
  const read = changeRequestFrom({
    provider: "gitlab",
    eventId: deliveryId,
    // The project is the target: the one a pullRequests generator names, whatever project the branch is in.
    repositoryUrls: [payload.project.git_http_url, payload.project.git_ssh_url, payload.project.web_url, payload.project.homepage],
    number: mr.iid,
    hostAction,
    action: ACTIONS[hostAction],
    branch: mr.source_branch,
    sha: mr.last_commit.id,
    labels: (payload.labels ?? mr.labels ?? []).map((l) => l.title),
  });
  return "event" in read ? { deliveryId, events: [read.event], ignored: [] } : { deliveryId, events: [], ignored: [read.ignored] };
}
