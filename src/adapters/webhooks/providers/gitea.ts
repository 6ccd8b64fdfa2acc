import * as z from "zod";
import { gitPushFrom } from "../../../core/events/git-push-from.ts";
import { deliveryId } from "../delivery-id.ts";
import { hmacSha256Matches } from "../hmac-signature.ts";
import { readGiteaPullRequest } from "./gitea-pull-request.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const pushSchema = z.object({
  ref: z.string(),
  before: z.string().optional(),
  after: z.string(),
  total_commits: z.number().int().nonnegative().optional(),
  repository: z.object({ clone_url: z.string().nullish(), ssh_url: z.string().nullish(), html_url: z.string().nullish() }),
  commits: z.array(z.object({
    id: z.string(),
    message: z.string(),
    author: z.object({ name: z.string().nullish(), email: z.string().nullish() }).nullish(),
    added: z.array(z.string()).nullish(),
    modified: z.array(z.string()).nullish(),
    removed: z.array(z.string()).nullish(),
  })).nullish(),
});

const header = (request: { headers: Readonly<Record<string, string | undefined>> }, suffix: string): string | undefined =>
  request.headers[`x-forgejo-${suffix}`] ?? request.headers[`x-gitea-${suffix}`];

/**
 * Gitea and Forgejo: `push` and `pull_request` events, signed with a bare-hex HMAC-SHA256 of the body in
 * `X-Gitea-Signature` (Forgejo: `X-Forgejo-Signature`).
 */
export const giteaProvider: WebhookProvider = {
  name: "gitea",
  label: "Gitea/Forgejo",
  path: "/hooks/git/gitea",
  contentTypes: ["application/json"],
  expects: "an X-Gitea-Event or X-Forgejo-Event header",

  verify: async (request, endpoint) => hmacSha256Matches(request.body, header(request, "signature"), endpoint.secrets),

  canHandle: (request) => Boolean(header(request, "event")),

  parse(request): ParsedDelivery {
    const id = deliveryId(request, "x-forgejo-delivery", "x-gitea-delivery");
    const name = header(request, "event") ?? "";
    if (name === "pull_request") return readGiteaPullRequest(request.body, id);
    if (name !== "push") return { deliveryId: id, events: [], ignored: [`${name} event: Sluice reads push and pull_request`] };
    const push = parseJsonBody(request.body, pushSchema);
    const commits = push.commits ?? [];
    const result = gitPushFrom({
      provider: "gitea",
      eventId: id,
      repositoryUrls: [push.repository.clone_url, push.repository.ssh_url, push.repository.html_url],
      ref: push.ref,
      ...(push.before !== undefined ? { before: push.before } : {}),
      after: push.after,
      commits: commits.map((c) => ({
        id: c.id, message: c.message,
        ...(c.author?.name ? { authorName: c.author.name } : {}), ...(c.author?.email ? { authorEmail: c.author.email } : {}),
        ...(c.added ? { added: c.added } : {}), ...(c.modified ? { modified: c.modified } : {}), ...(c.removed ? { removed: c.removed } : {}),
      })),
      // Gitea caps the list (FeedMaxCommitNum) and, since 1.18, counts the whole push; without the count a list may be cut.
      ...(push.total_commits !== undefined ? { totalCommits: push.total_commits } : { complete: false }),
    });
    return "event" in result ? { deliveryId: id, events: [result.event], ignored: [] } : { deliveryId: id, events: [], ignored: [result.ignored] };
  },
};
