import * as z from "zod";
import { gitPushFrom } from "../../../core/events/git-push-from.ts";
import { deliveryId } from "../delivery-id.ts";
import { secretEquals } from "../secret-equals.ts";
import { readGitLabMergeRequest } from "./gitlab-merge-request.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const urls = { git_http_url: z.string().nullish(), git_ssh_url: z.string().nullish(), web_url: z.string().nullish(), homepage: z.string().nullish() };

const pushSchema = z.object({
  object_kind: z.string().optional(),
  event_name: z.string().optional(),
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  project: z.object(urls).optional(),
  repository: z.object(urls).optional(),
  commits: z.array(z.object({
    id: z.string(),
    message: z.string(),
    author: z.object({ name: z.string().nullish(), email: z.string().nullish() }).nullish(),
    added: z.array(z.string()).optional(),
    modified: z.array(z.string()).optional(),
    removed: z.array(z.string()).optional(),
  })).default([]),
  total_commits_count: z.number().int().nonnegative().optional(),
});

const PUSH_EVENTS = new Set(["Push Hook", "Tag Push Hook", "System Hook"]);

/**
 * GitLab: `Push Hook`, `Tag Push Hook` (and the same pushes from a system hook) and `Merge Request Hook`.
 * GitLab does not sign: it sends the configured secret token in `X-Gitlab-Token`,
 * compared here in constant time.
 */
export const gitlabProvider: WebhookProvider = {
  name: "gitlab",
  label: "GitLab",
  path: "/hooks/git/gitlab",
  contentTypes: ["application/json"],
  expects: "an X-Gitlab-Event header",

  verify: async (request, endpoint) => {
    const token = request.headers["x-gitlab-token"];
    return token !== undefined && token !== "" && secretEquals(token, endpoint.secrets);
  },

  canHandle: (request) => Boolean(request.headers["x-gitlab-event"]),

  parse(request): ParsedDelivery {
    // Idempotency-Key stays the same across GitLab's retries of one delivery; older GitLab sends only the event UUID.
    const id = deliveryId(request, "idempotency-key", "x-gitlab-event-uuid");
    const name = request.headers["x-gitlab-event"] ?? "";
    if (name === "Merge Request Hook") return readGitLabMergeRequest(request.body, id);
    if (!PUSH_EVENTS.has(name)) return { deliveryId: id, events: [], ignored: [`${name} event: Sluice reads Push Hook, Tag Push Hook and Merge Request Hook`] };
    const push = parseJsonBody(request.body, pushSchema);
    const kind = push.object_kind ?? push.event_name ?? "";
    if (kind !== "push" && kind !== "tag_push") return { deliveryId: id, events: [], ignored: [`${kind || "unnamed"} system event: Sluice reads pushes`] };
    const result = gitPushFrom({
      provider: "gitlab",
      eventId: id,
      repositoryUrls: [push.project?.git_http_url, push.project?.git_ssh_url, push.project?.web_url,
        push.repository?.git_http_url, push.repository?.git_ssh_url, push.repository?.homepage],
      ref: push.ref,
      before: push.before,
      after: push.after,
      commits: push.commits.map((c) => ({
        id: c.id, message: c.message,
        ...(c.author?.name ? { authorName: c.author.name } : {}), ...(c.author?.email ? { authorEmail: c.author.email } : {}),
        ...(c.added ? { added: c.added } : {}), ...(c.modified ? { modified: c.modified } : {}), ...(c.removed ? { removed: c.removed } : {}),
      })),
      // GitLab lists the newest 20 commits and counts them all.
      ...(push.total_commits_count !== undefined ? { totalCommits: push.total_commits_count } : {}),
    });
    return "event" in result ? { deliveryId: id, events: [result.event], ignored: [] } : { deliveryId: id, events: [], ignored: [result.ignored] };
  },
};
