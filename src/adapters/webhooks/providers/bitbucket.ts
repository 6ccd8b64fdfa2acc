import * as z from "zod";
import { gitPushFrom } from "../../../core/events/git-push-from.ts";
import type { InternalEvent } from "../../../core/events/internal-event.ts";
import { deliveryId } from "../delivery-id.ts";
import { hmacSha256Matches, sha256Prefixed } from "../hmac-signature.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const refStateSchema = z.object({
  type: z.string(),
  name: z.string(),
  target: z.object({ hash: z.string() }),
});

const pushSchema = z.object({
  repository: z.object({
    full_name: z.string().nullish(),
    links: z.object({ html: z.object({ href: z.string() }).nullish() }).nullish(),
  }),
  push: z.object({
    changes: z.array(z.object({
      new: refStateSchema.nullish(),
      old: refStateSchema.nullish(),
      created: z.boolean().optional(),
      forced: z.boolean().optional(),
      truncated: z.boolean().optional(),
      commits: z.array(z.object({
        hash: z.string(),
        message: z.string().nullish(),
        author: z.object({ raw: z.string().nullish() }).nullish(),
      })).nullish(),
    })),
  }),
});

const REF_PREFIX: Record<string, string> = { branch: "refs/heads/", tag: "refs/tags/" };

/** `Name <email>`, as Bitbucket writes authors, into its parts. */
function author(raw: string | null | undefined): { authorName?: string; authorEmail?: string } {
  const parts = /^(.*?)\s*<([^>]*)>\s*$/.exec(raw ?? "");
  if (!parts) return raw ? { authorName: raw } : {};
  return { ...(parts[1] ? { authorName: parts[1] } : {}), ...(parts[2] ? { authorEmail: parts[2] } : {}) };
}

/**
 * Bitbucket Cloud: `repo:push`, signed as `X-Hub-Signature: sha256=<hex>` once the webhook
 * has a secret (Sluice requires one). Bitbucket lists no changed files, so every app on the
 * pushed branch syncs.
 */
export const bitbucketProvider: WebhookProvider = {
  name: "bitbucket",
  label: "Bitbucket Cloud",
  path: "/hooks/git/bitbucket",
  contentTypes: ["application/json"],
  expects: "an X-Event-Key header",

  verify: async (request, endpoint) => hmacSha256Matches(request.body, sha256Prefixed(request.headers["x-hub-signature"]), endpoint.secrets),

  canHandle: (request) => Boolean(request.headers["x-event-key"]),

  parse(request): ParsedDelivery {
    const id = deliveryId(request, "x-request-uuid");
    const name = request.headers["x-event-key"] ?? "";
    if (name !== "repo:push") return { deliveryId: id, events: [], ignored: [`${name} event: Sluice reads repo:push`] };
    const body = parseJsonBody(request.body, pushSchema);
    const urls = [body.repository.links?.html?.href, body.repository.full_name ? `https://bitbucket.org/${body.repository.full_name}` : undefined];
    const events: InternalEvent[] = [];
    const ignored: string[] = [];
    for (const change of body.push.changes) {
      const state = change.new;
      if (!state) {
        ignored.push(`${change.old?.type ?? "ref"} ${change.old?.name ?? ""} deleted: nothing to deploy`.replace("  ", " "));
        continue;
      }
      const prefix = REF_PREFIX[state.type];
      if (!prefix) {
        ignored.push(`push to ${state.type} ${state.name}: only branches and tags are followed`);
        continue;
      }
      const result = gitPushFrom({
        provider: "bitbucket",
        eventId: id,
        repositoryUrls: urls,
        ref: `${prefix}${state.name}`,
        ...(change.old ? { before: change.old.target.hash } : {}),
        after: state.target.hash,
        commits: (change.commits ?? []).map((c) => ({ id: c.hash, message: c.message ?? "", ...author(c.author?.raw) })),
        complete: change.truncated !== true,
        ...(change.forced !== undefined ? { forced: change.forced } : {}),
        ...(change.created !== undefined ? { created: change.created } : {}),
      });
      if ("event" in result) events.push(result.event);
      else ignored.push(result.ignored);
    }
    return { deliveryId: id, events, ignored };
  },
};
