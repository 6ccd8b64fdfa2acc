import type { EmitterWebhookEvent } from "@octokit/webhooks";
import * as z from "zod";
import type { ChangeRequestAction } from "../../../core/events/change-request-event.ts";
import { changeRequestFrom } from "../../../core/events/change-request-from.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery } from "./webhook-provider.ts";

const pullRequestSchema = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number().int(),
    merged: z.boolean().nullish(),
    head: z.object({ ref: z.string(), sha: z.string() }),
    labels: z.array(z.object({ name: z.string() })).nullish(),
  }),
  repository: z.object({
    clone_url: z.string().nullish(),
    ssh_url: z.string().nullish(),
    git_url: z.string().nullish(),
    html_url: z.string().nullish(),
  }),
});

// Every documented pull_request payload must pass the schema: checked at compile time against @octokit/webhooks' types.
type GitHubPullRequest = EmitterWebhookEvent<"pull_request">["payload"];
type Accepts<Schema, Payload extends Schema> = Payload;
export type GitHubPullRequestConforms = Accepts<z.input<typeof pullRequestSchema>, GitHubPullRequest>;

const ACTIONS: Readonly<Record<string, ChangeRequestAction>> = {
  opened: "opened", reopened: "opened", synchronize: "updated", labeled: "updated", unlabeled: "updated", closed: "closed",
};

/** GitHub's `pull_request` event: opened, reopened, synchronize, labeled, unlabeled, closed (merged when `merged` is true). */
export function readGitHubPullRequest(body: Uint8Array, deliveryId: string): ParsedDelivery {
  const payload = parseJsonBody(body, pullRequestSchema);
  const pull = payload.pull_request;
  const action = payload.action === "closed" && pull.merged === true ? "merged" : ACTIONS[payload.action];
  const read = changeRequestFrom({
    provider: "github",
    eventId: deliveryId,
    repositoryUrls: [payload.repository.clone_url, payload.repository.ssh_url, payload.repository.html_url, payload.repository.git_url],
    number: pull.number,
    hostAction: payload.action,
    action,
    branch: pull.head.ref,
    sha: pull.head.sha,
    labels: (pull.labels ?? []).map((l) => l.name),
  });
  return "event" in read ? { deliveryId, events: [read.event], ignored: [] } : { deliveryId, events: [], ignored: [read.ignored] };
}
