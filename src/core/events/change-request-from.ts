import { normalizeGitUrl } from "../config/normalize-git-url.ts";
import type { ChangeRequestAction, ChangeRequestEvent } from "./change-request-event.ts";

/** What a provider read from a request event, before the rules every git host shares. */
export interface HostChangeRequest {
  provider: string;
  eventId: string;
  repositoryUrls: readonly (string | null | undefined)[];
  number: number;
  /** The host's own action name, for the reason an event is ignored. */
  hostAction: string;
  action: ChangeRequestAction | undefined;
  branch: string;
  sha: string;
  labels: readonly string[];
}

/** The internal event of a request, or why it is ignored: an action that changes no generated app, a head that is no commit. */
export function changeRequestFrom(request: HostChangeRequest): { event: ChangeRequestEvent } | { ignored: string } {
  const what = `request ${request.number}`;
  if (!request.action) return { ignored: `${what} ${request.hostAction}: changes no generated app` };
  if (!/^[0-9a-f]{40}$/.test(request.sha)) return { ignored: `${what} names no head commit (sha: ${request.sha.slice(0, 64)})` };
  const repositoryUrls = request.repositoryUrls.filter((u): u is string => typeof u === "string" && u !== "");
  return {
    event: {
      kind: "change-request",
      provider: request.provider,
      eventId: request.eventId,
      repositoryUrls,
      repositoryKeys: [...new Set(repositoryUrls.map(normalizeGitUrl))],
      number: request.number,
      action: request.action,
      branch: request.branch,
      sha: request.sha,
      labels: [...request.labels],
    },
  };
}
