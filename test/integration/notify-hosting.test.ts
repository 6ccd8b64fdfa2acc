// GitHub's and GitLab's APIs and SNS, each a real HTTP server on 127.0.0.1 answering as the vendor
// documents; Sluice's requests checked against the documented parameters.
import { SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notificationsConfigSchema } from "../../src/core/config/notifications-config.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import { senderFor } from "../../src/adapters/notify/sender-for.ts";
import type { NotifySender } from "../../src/adapters/notify/notify-sender.ts";
import { notificationMessage } from "../../src/engine/notify/notification-message.ts";
import { startNotifyReceiver, type CapturedRequest, type NotifyReceiver } from "../harness/notify-receiver.ts";
import { deployedNotification, REVISION } from "./notify/sample-notification.ts";
import * as formats from "./notify/vendor-formats.ts";
import { DUMMY_CREDENTIALS } from "../harness/fauxqs.ts";

let receiver: NotifyReceiver;
beforeAll(async () => {
  receiver = await startNotifyReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
});

async function senderOf(provider: Record<string, unknown>): Promise<NotifySender> {
  const [p] = notificationsConfigSchema.parse({ providers: [{ name: "p", ...provider }] }).providers;
  if (!p) throw new Error("no provider");
  const sns = (endpoint: string | undefined) => new SNSClient({ region: "us-east-1", ...(endpoint ? { endpoint } : {}), credentials: DUMMY_CREDENTIALS });
  return senderFor(p, { http: undiciTransport(), secrets: new SecretResolver({ env: { TOKEN: "t0ken" } }), region: "us-east-1", sns });
}

const sample = () => deployedNotification("https://sluice.example.com/apps/web-prod");
const lines = (requests: CapturedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);
const body = (r: CapturedRequest | undefined): unknown => JSON.parse(r?.body ?? "");

/** GitHub as documented: statuses 201, deployments listed by sha and environment, created 201 with an id. */
function github(deployments: unknown[], failStatusOnce = false): void {
  let failed = !failStatusOnce;
  receiver.answer = (r) => {
    if (r.method === "GET") return { status: 200, body: JSON.stringify(deployments) };
    if (r.path.endsWith("/deployments")) {
      deployments.push({ id: 41, payload: JSON.parse(r.body).payload });
      return { status: 201, body: JSON.stringify({ id: 41, sha: REVISION }) };
    }
    if (r.path.includes("/deployments/41/statuses") && !failed) {
      failed = true;
      return { status: 502, body: "{\"message\":\"Server Error\"}" };
    }
    return { status: 201, body: "{}" };
  };
}

describe("GitHub: commit status and the Deployments API, environment = app", () => {
  it("posts the status on the revision, then one deployment and its status", async () => {
    github([]);
    const send = await senderOf({ type: "github", token: { env: "TOKEN" }, apiUrl: receiver.url });
    const n = sample();

    await send(n, notificationMessage(n));

    expect(lines(receiver.requests)).toEqual([
      `POST /repos/acme/charts/statuses/${REVISION}`,
      `GET /repos/acme/charts/deployments?sha=${REVISION}&environment=web-prod&per_page=100`,
      "POST /repos/acme/charts/deployments",
      "POST /repos/acme/charts/deployments/41/statuses",
    ]);
    for (const r of receiver.requests) {
      expect(r.headers).toMatchObject({ authorization: "Bearer t0ken", accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" });
    }
    const [status, , deployment, deploymentStatus] = receiver.requests;
    expect(formats.githubStatusSchema.parse(body(status))).toMatchObject({ state: "success", context: "sluice/web-prod" });
    expect(formats.githubDeploymentSchema.parse(body(deployment))).toMatchObject({ ref: REVISION, environment: "web-prod", payload: { sluice: { id: n.id } } });
    expect(formats.githubDeploymentStatusSchema.parse(body(deploymentStatus))).toMatchObject({ state: "success", environment: "web-prod", log_url: "https://sluice.example.com/apps/web-prod" });
  });

  it("a retry after a failed deployment status finds its deployment instead of making a second", async () => {
    github([], true);
    const send = await senderOf({ type: "github", token: { env: "TOKEN" }, apiUrl: receiver.url });
    const n = sample();

    await expect(send(n, notificationMessage(n))).rejects.toMatchObject({ retry: "later" });
    await send(n, notificationMessage(n));

    expect(lines(receiver.requests).filter((l) => l === "POST /repos/acme/charts/deployments")).toHaveLength(1);
    expect(lines(receiver.requests).filter((l) => l.endsWith("/deployments/41/statuses"))).toHaveLength(2);
  });
});

describe("GitLab: commit status and environments", () => {
  it("posts the status, creates the app's environment once, and records a deployment in it", async () => {
    const environments: { id: number; name: string }[] = [];
    receiver.answer = (r) => {
      if (r.method === "GET") return { status: 200, body: JSON.stringify(environments) };
      if (r.path.endsWith("/environments")) environments.push({ id: 3, name: JSON.parse(r.body).name });
      return { status: 201, body: "{}" };
    };
    const send = await senderOf({ type: "gitlab", token: { env: "TOKEN" }, apiUrl: `${receiver.url}/api/v4` });
    const n = sample();

    await send(n, notificationMessage(n));
    await send(n, notificationMessage(n));

    const project = "/api/v4/projects/acme%2Fcharts";
    expect(lines(receiver.requests)).toEqual([
      `POST ${project}/statuses/${REVISION}`, `GET ${project}/environments?name=web-prod`, `POST ${project}/environments`, `POST ${project}/deployments`,
      `POST ${project}/statuses/${REVISION}`, `GET ${project}/environments?name=web-prod`, `POST ${project}/deployments`,
    ]);
    expect(receiver.requests[0]?.headers["private-token"]).toBe("t0ken");
    expect(formats.gitlabStatusSchema.parse(body(receiver.requests[0]))).toMatchObject({ state: "success", name: "sluice/web-prod", ref: "main" });
    expect(formats.gitlabEnvironmentSchema.parse(body(receiver.requests[2]))).toEqual({ name: "web-prod", external_url: "https://sluice.example.com/apps/web-prod" });
    expect(formats.gitlabDeploymentSchema.parse(body(receiver.requests[3]))).toEqual({ environment: "web-prod", sha: REVISION, ref: "main", tag: false, status: "success" });
  });

  it("takes GitLab's refusal of a status it already has as done", async () => {
    receiver.answer = (r) => (r.path.includes("/statuses/")
      ? { status: 400, body: "{\"message\":\"Cannot transition status via :succeed from :success\"}" }
      : { status: r.method === "GET" ? 200 : 201, body: r.method === "GET" ? "[{\"id\":3,\"name\":\"web-prod\"}]" : "{}" });
    const send = await senderOf({ type: "gitlab", token: { env: "TOKEN" }, apiUrl: `${receiver.url}/api/v4` });
    const n = sample();

    await send(n, notificationMessage(n));

    expect(lines(receiver.requests).at(-1)).toBe("POST /api/v4/projects/acme%2Fcharts/deployments");
  });
});

describe("SNS: one Publish with a message per protocol", () => {
  it("publishes e-mail and SMS texts through the AWS SDK to the topic", async () => {
    receiver.answer = (r) => (r.headers["content-type"]?.includes("json")
      ? { status: 200, body: JSON.stringify({ MessageId: "m-1" }) }
      : { status: 200, headers: { "content-type": "text/xml" }, body: "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>" });
    const send = await senderOf({ type: "sns", topicArn: "arn:aws:sns:us-east-1:123456789012:sluice-deploys", endpoint: receiver.url });
    const n = sample();

    await send(n, notificationMessage(n));

    expect(receiver.requests).toHaveLength(1);
    const publish = publishOf(receiver.requests[0]);
    expect(publish).toMatchObject({ Action: "Publish", TopicArn: "arn:aws:sns:us-east-1:123456789012:sluice-deploys", MessageStructure: "json", Subject: "web-prod deployed 3f1c2d9e8b7a" });
    const message = JSON.parse(publish.Message ?? "") as { default: string; email: string; sms: string };
    expect(JSON.parse(message.default)).toMatchObject({ id: n.id, trigger: "on-deployed" });
    expect(message.email).toContain("Image: registry.example.com/team/web 1.4.2 → 1.5.0");
    expect(message.sms).toBe("web-prod deployed 3f1c2d9e8b7a");
  });
});

/** The Publish parameters, from the query protocol's form body or the JSON protocol's. */
function publishOf(r: CapturedRequest | undefined): Record<string, string | undefined> {
  if (!r) throw new Error("nothing received");
  if (r.headers["content-type"]?.includes("json")) return { Action: r.headers["x-amz-target"]?.split(".").at(-1), ...(JSON.parse(r.body) as Record<string, string>) };
  return Object.fromEntries(new URLSearchParams(r.body));
}
