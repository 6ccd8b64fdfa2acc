import * as z from "zod";
import { gitPushFrom } from "../../../core/events/git-push-from.ts";
import type { InternalEvent } from "../../../core/events/internal-event.ts";
import { idOrHash } from "../delivery-id.ts";
import { secretEquals } from "../secret-equals.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const pushSchema = z.object({
  id: z.string().optional(),
  eventType: z.string(),
  resource: z
    .object({
      commits: z
        .array(
          z.object({
            commitId: z.string(),
            comment: z.string().nullish(),
            author: z.object({ name: z.string().nullish(), email: z.string().nullish() }).nullish(),
          }),
        )
        .nullish(),
      refUpdates: z.array(z.object({ name: z.string(), oldObjectId: z.string(), newObjectId: z.string() })),
      repository: z.object({
        remoteUrl: z.string().nullish(),
        url: z.string().nullish(),
        sshUrl: z.string().nullish(),
      }),
    })
    .optional(),
});

/** The password of an `Authorization: Basic` header; Azure DevOps sends the service hook's user name and password. */
function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/**
 * Azure DevOps Services: a Web Hooks service hook on "Code pushed" (`git.push`), with basic
 * authentication over HTTPS: the password is the secret, the user name is not checked. Azure
 * DevOps lists commits (at most a few) but no files, so every app on the branch syncs.
 */
export const azureDevopsProvider: WebhookProvider = {
  name: "azureDevops",
  label: "Azure DevOps",
  path: "/hooks/git/azure-devops",
  contentTypes: ["application/json"],
  expects: "nothing more",

  verify: async (request, endpoint) => {
    const password = basicPassword(request.headers["authorization"]);
    return password !== undefined && secretEquals(password, endpoint.secrets);
  },

  canHandle: () => true,

  parse(request): ParsedDelivery {
    const body = parseJsonBody(request.body, pushSchema);
    const id = idOrHash(body.id, request.body);
    if (body.eventType !== "git.push" || !body.resource)
      return { deliveryId: id, events: [], ignored: [`${body.eventType} event: Sluice reads git.push`] };
    const { resource } = body;
    const urls = [resource.repository.remoteUrl, resource.repository.sshUrl];
    const commits = (resource.commits ?? []).map((c) => ({
      id: c.commitId,
      message: c.comment ?? "",
      ...(c.author?.name ? { authorName: c.author.name } : {}),
      ...(c.author?.email ? { authorEmail: c.author.email } : {}),
    }));
    const events: InternalEvent[] = [];
    const ignored: string[] = [];
    for (const update of resource.refUpdates) {
      const result = gitPushFrom({
        provider: "azureDevops",
        eventId: id,
        repositoryUrls: urls,
        ref: update.name,
        before: update.oldObjectId,
        after: update.newObjectId,
        commits,
        complete: false,
      });
      if ("event" in result) events.push(result.event);
      else ignored.push(result.ignored);
    }
    return { deliveryId: id, events, ignored };
  },
};
