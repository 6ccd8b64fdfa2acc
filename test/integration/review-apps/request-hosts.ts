// The three git hosts as a review-app test meets them: each one's recorded request event, signed as it
// signs, for a repository, request and head; and each one's list API answer for the open requests.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { WebhookRequest } from "../../../src/adapters/webhooks/webhook-request.ts";

export type Provider = "github" | "gitlab" | "gitea";
export type Step = "opened" | "updated" | "merged";

/** One open request as the test's host holds it. */
export interface Open {
  readonly number: number;
  readonly branch: string;
  readonly sha: string;
}

type Json = Record<string, unknown>;
const fixture = (path: string): Json => JSON.parse(readFileSync(new URL(`../../fixtures/webhooks/${path}`, import.meta.url), "utf8")) as Json;
/** A field of a recorded payload that is an object, to spread with one documented field changed. */
const part = (payload: Json, key: string): Json => payload[key] as Json;
const hmac = (body: Buffer, secret: string) => createHmac("sha256", secret).update(body).digest("hex");
const post = (path: string, body: Buffer, headers: Record<string, string>): WebhookRequest =>
  ({ method: "POST", path, body, headers: { "content-type": "application/json", ...headers } });

/** The host's event for `step` of request `open` on `repoUrl`, from its recorded payload, signed with `secret`. */
export function requestEvent(provider: Provider, step: Step, open: Open, repoUrl: string, secret: string): WebhookRequest {
  const id = `${provider}-${step}-${open.number}-${open.sha.slice(0, 7)}`;
  if (provider === "github") {
    const payload = fixture(`github/pull-request-${step === "opened" ? "opened" : step === "updated" ? "synchronize" : "closed"}.json`);
    const pull = part(payload, "pull_request");
    payload["pull_request"] = { ...pull, number: open.number, merged: step === "merged", head: { ...part(pull, "head"), ref: open.branch, sha: open.sha } };
    payload["repository"] = { ...part(payload, "repository"), clone_url: repoUrl, ssh_url: null, git_url: null, html_url: null };
    const body = Buffer.from(JSON.stringify(payload));
    return post("/hooks/git/github", body, { "x-github-event": "pull_request", "x-github-delivery": id, "x-hub-signature-256": `sha256=${hmac(body, secret)}` });
  }
  if (provider === "gitlab") {
    const payload = fixture("gitlab/merge-request.json");
    const attributes = part(payload, "object_attributes");
    payload["project"] = { ...part(payload, "project"), git_http_url: repoUrl, git_ssh_url: null, web_url: null, homepage: null };
    payload["object_attributes"] = { ...attributes, iid: open.number, source_branch: open.branch, last_commit: { ...part(attributes, "last_commit"), id: open.sha },
      action: { opened: "open", updated: "update", merged: "merge" }[step] };
    const body = Buffer.from(JSON.stringify(payload));
    return post("/hooks/git/gitlab", body, { "x-gitlab-event": "Merge Request Hook", "x-gitlab-token": secret, "idempotency-key": id });
  }
  const payload = fixture("gitea/pull-request-opened.json");
  const pull = part(payload, "pull_request");
  payload["action"] = { opened: "opened", updated: "synchronized", merged: "closed" }[step];
  payload["pull_request"] = { ...pull, number: open.number, merged: step === "merged", head: { ...part(pull, "head"), ref: open.branch, sha: open.sha } };
  payload["repository"] = { ...part(payload, "repository"), clone_url: repoUrl, ssh_url: null, html_url: null };
  const body = Buffer.from(JSON.stringify(payload));
  return post("/hooks/git/gitea", body, { "x-gitea-event": "pull_request", "x-gitea-delivery": id, "x-gitea-signature": hmac(body, secret) });
}

/** The documented request (path, query, auth) of each host's open-requests list for project `fe/charts`. */
export const LIST_REQUEST: Readonly<Record<Provider, { path: string; auth: [string, string] }>> = {
  github: { path: "/repos/fe/charts/pulls?state=open&per_page=100", auth: ["authorization", "Bearer gh-token"] },
  gitlab: { path: "/api/v4/projects/fe%2Fcharts/merge_requests?state=opened&per_page=100", auth: ["private-token", "gl-token"] },
  gitea: { path: "/api/v1/repos/fe/charts/pulls?state=open&limit=50", auth: ["authorization", "token gt-token"] },
};

/** The host's list answer for these open requests, in its own fields. */
export function listAnswer(provider: Provider, open: readonly Open[]): unknown[] {
  if (provider === "gitlab") return open.map((o) => ({ iid: o.number, source_branch: o.branch, sha: o.sha, labels: [] }));
  return open.map((o) => ({ number: o.number, head: { ref: o.branch, sha: o.sha }, labels: [] }));
}
