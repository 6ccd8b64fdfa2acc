import { createHash } from "node:crypto";
import type { SluiceConfig } from "../config/app-config.ts";
import type { InternalEvent } from "../events/internal-event.ts";
import { normalizeRepository } from "../images/image-ref.ts";
import type { QueuedJob } from "../queue/job.ts";

/** The jobs an event causes, one per app that tracks what it names, or why it causes none. */
export type MatchResult = { jobs: QueuedJob[]; ignored?: undefined } | { jobs: []; ignored: string };

/** Matches an internal event to the apps that follow it. */
export function matchEvent(event: InternalEvent, config: SluiceConfig, deliveryId: string): MatchResult {
  const jobs: QueuedJob[] = [];
  for (const app of config.apps) {
    if (!app.images.some((image) => normalizeRepository(image.repository) === event.repository)) continue;
    jobs.push({
      job: {
        kind: "image-update",
        app: app.name,
        repository: event.repository,
        tag: event.tag,
        ...(event.digest ? { digest: event.digest } : {}),
        deliveryId,
      },
      // One event may be redelivered: the same event for the same app is one job.
      deduplicationId: sha256(`${event.provider}\n${event.eventId}\n${app.name}\n${event.repository}`),
      groupId: app.name,
    });
  }
  if (jobs.length === 0) return { jobs: [], ignored: `no app tracks ${event.repository}` };
  return { jobs };
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
