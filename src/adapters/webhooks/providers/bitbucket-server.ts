import * as z from "zod";
import { gitPushFrom } from "../../../core/events/git-push-from.ts";
import type { InternalEvent } from "../../../core/events/internal-event.ts";
import { deliveryId } from "../delivery-id.ts";
import { hmacSha256Matches, sha256Prefixed } from "../hmac-signature.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { EndpointSettings, ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const refsChangedSchema = z.object({
  repository: z.object({
    slug: z.string().min(1),
    project: z.object({ key: z.string().min(1) }),
    links: z.object({ clone: z.array(z.object({ href: z.string() })).optional() }).nullish(),
  }),
  changes: z.array(
    z.object({
      ref: z.object({ id: z.string(), type: z.string() }).nullish(),
      refId: z.string(),
      fromHash: z.string(),
      toHash: z.string(),
      type: z.enum(["ADD", "UPDATE", "DELETE"]),
    }),
  ),
});

/**
 * Bitbucket Server and Data Center: `repo:refs_changed`, signed as `X-Hub-Signature:
 * sha256=<hex>` once the webhook has a secret. The payload lists neither commits nor files, so
 * every app on a pushed branch syncs. Repositories are named by the payload's clone links, or,
 * where it has none, `<url>/scm/<project>/<slug>.git` under `webhooks.bitbucketServer.url`.
 */
export const bitbucketServerProvider: WebhookProvider = {
  name: "bitbucketServer",
  label: "Bitbucket Server / Data Center",
  path: "/hooks/git/bitbucket-server",
  contentTypes: ["application/json"],
  expects: "an X-Event-Key header",

  verify: async (request, endpoint) =>
    hmacSha256Matches(request.body, sha256Prefixed(request.headers["x-hub-signature"]), endpoint.secrets),

  canHandle: (request) => Boolean(request.headers["x-event-key"]),

  parse(request, endpoint): ParsedDelivery {
    const id = deliveryId(request, "x-request-id");
    const name = request.headers["x-event-key"] ?? "";
    if (name === "diagnostics:ping")
      return { deliveryId: id, events: [], ignored: ["diagnostics:ping: nothing to deploy"] };
    if (name !== "repo:refs_changed")
      return { deliveryId: id, events: [], ignored: [`${name} event: Sluice reads repo:refs_changed`] };
    const body = parseJsonBody(request.body, refsChangedSchema);
    const urls = repositoryUrls(body.repository, endpoint);
    if (urls.length === 0)
      return {
        deliveryId: id,
        events: [],
        ignored: ["the payload has no clone links: set webhooks.bitbucketServer.url to the server's URL"],
      };
    const events: InternalEvent[] = [];
    const ignored: string[] = [];
    for (const change of body.changes) {
      if (change.type === "DELETE") {
        ignored.push(`${change.refId} deleted: nothing to deploy`);
        continue;
      }
      const result = gitPushFrom({
        provider: "bitbucketServer",
        eventId: id,
        repositoryUrls: urls,
        ref: change.refId,
        before: change.fromHash,
        after: change.toHash,
        commits: [],
        complete: false,
        created: change.type === "ADD",
      });
      if ("event" in result) events.push(result.event);
      else ignored.push(result.ignored);
    }
    return { deliveryId: id, events, ignored };
  },
};

function repositoryUrls(
  repository: z.infer<typeof refsChangedSchema>["repository"],
  endpoint: EndpointSettings,
): string[] {
  const links = (repository.links?.clone ?? []).map((l) => l.href);
  if (links.length) return links;
  const url = endpoint.settings?.["url"];
  return typeof url === "string"
    ? [`${url.replace(/\/+$/, "")}/scm/${repository.project.key.toLowerCase()}/${repository.slug}.git`]
    : [];
}
