import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { InternalEvent } from "../../core/events/internal-event.ts";
import { matchGitPush } from "./match-git-push.ts";
import { matchImagePush } from "./match-image-push.ts";
import type { MatchResult } from "./match-result.ts";

export type { MatchResult } from "./match-result.ts";

/** Matches an internal event to the apps that follow it. */
export function matchEvent(event: InternalEvent, config: SluiceConfig, deliveryId: string): MatchResult {
  return event.kind === "image-push" ? matchImagePush(event, config, deliveryId) : matchGitPush(event, config, deliveryId);
}
