import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import type { InternalEvent } from "../../core/events/internal-event.ts";
import { matchChangeRequest } from "./match-change-request.ts";
import { matchGitPush } from "./match-git-push.ts";
import { matchImagePush } from "./match-image-push.ts";
import type { MatchResult } from "./match-result.ts";

export type { MatchResult } from "./match-result.ts";

/** Matches an internal event to the apps of the index that follow it. */
export function matchEvent(event: InternalEvent, index: AppIndex, config: SluiceConfig, deliveryId: string): MatchResult {
  if (event.kind === "change-request") return matchChangeRequest(event, index, deliveryId);
  return event.kind === "image-push" ? matchImagePush(event, index, deliveryId) : matchGitPush(event, index, config, deliveryId);
}
