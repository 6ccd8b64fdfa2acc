import { verifyWithFallback } from "@octokit/webhooks-methods";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import * as z from "zod";
import { gitPushFrom } from "../../../core/events/git-push-from.ts";
import type { InternalEvent } from "../../../core/events/internal-event.ts";
import { deliveryId } from "../delivery-id.ts";
import { readGhcrPackage, type PackageEventName } from "./ghcr-package.ts";
import { readGitHubPullRequest } from "./github-pull-request.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const commitSchema = z.object({
  id: z.string(),
  message: z.string(),
  author: z.object({ name: z.string().nullish(), email: z.string().nullish() }),
  added: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});

const pushSchema = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  created: z.boolean().optional(),
  forced: z.boolean().optional(),
  repository: z.object({
    clone_url: z.string().nullish(),
    ssh_url: z.string().nullish(),
    git_url: z.string().nullish(),
    html_url: z.string().nullish(),
  }),
  commits: z.array(commitSchema).default([]),
});

// GitHub's documented payloads must pass the schema: a compile-time check against @octokit/webhooks' types.
type GitHubPush = EmitterWebhookEvent<"push">["payload"];
type Accepts<Schema, Payload extends Schema> = Payload;
export type GitHubPushConforms = Accepts<z.input<typeof pushSchema>, GitHubPush>;

/** GitHub lists at most this many commits in a push payload. */
const COMMIT_LIST_LIMIT = 2048;

/**
 * GitHub (and GitHub Enterprise): `push`, `pull_request` and `ping`, plus GHCR's `package` and
 * `registry_package` events, all signed with HMAC-SHA256 in `X-Hub-Signature-256`.
 */
export const githubProvider: WebhookProvider = {
  name: "github",
  label: "GitHub",
  path: "/hooks/git/github",
  contentTypes: ["application/json"],
  expects: "an X-GitHub-Event header",

  async verify(request, endpoint) {
    const signature = request.headers["x-hub-signature-256"];
    const [first, ...rest] = endpoint.secrets;
    if (!signature || !first || request.body.byteLength === 0) return false;
    // Octokit signs the body as a string; bytes that are not UTF-8 then fail to match, closed.
    return verifyWithFallback(first, Buffer.from(request.body).toString("utf8"), signature, rest).then((ok: unknown) => ok === true);
  },

  canHandle: (request) => Boolean(request.headers["x-github-event"]),

  parse(request): ParsedDelivery {
    const id = deliveryId(request, "x-github-delivery");
    const name = request.headers["x-github-event"] ?? "";
    if (name === "ping") return { deliveryId: id, events: [], ignored: ["ping: the endpoint is reachable and the signature is valid"] };
    if (name === "package" || name === "registry_package") {
      const read = readGhcrPackage(request.body, name satisfies PackageEventName, id);
      return { deliveryId: id, events: read.events, ignored: read.ignored };
    }
    if (name === "pull_request") return readGitHubPullRequest(request.body, id);
    if (name !== "push") return { deliveryId: id, events: [], ignored: [`${name} event: Sluice reads push, pull_request, package and registry_package`] };

    const push = parseJsonBody(request.body, pushSchema);
    const result = gitPushFrom({
      provider: "github",
      eventId: id,
      repositoryUrls: [push.repository.clone_url, push.repository.ssh_url, push.repository.html_url, push.repository.git_url],
      ref: push.ref,
      before: push.before,
      after: push.after,
      commits: push.commits.map((c) => ({
        id: c.id, message: c.message,
        ...(c.author.name ? { authorName: c.author.name } : {}), ...(c.author.email ? { authorEmail: c.author.email } : {}),
        ...(c.added ? { added: c.added } : {}), ...(c.modified ? { modified: c.modified } : {}), ...(c.removed ? { removed: c.removed } : {}),
      })),
      listLimit: COMMIT_LIST_LIMIT,
      ...(push.forced !== undefined ? { forced: push.forced } : {}),
      ...(push.created !== undefined ? { created: push.created } : {}),
    });
    const events: InternalEvent[] = "event" in result ? [result.event] : [];
    return { deliveryId: id, events, ignored: "ignored" in result ? [result.ignored] : [] };
  },
};
