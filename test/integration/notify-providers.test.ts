// Each provider's sender against a real HTTP receiver on 127.0.0.1, its requests checked against the
// vendor's documented format.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notificationsConfigSchema } from "../../src/core/config/notifications-config.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import { senderFor } from "../../src/adapters/notify/sender-for.ts";
import { hmacSha256Matches, sha256Prefixed } from "../../src/adapters/webhooks/hmac-signature.ts";
import { notificationBodySchema } from "../../src/core/notify/notification-body.ts";
import { notificationMessage } from "../../src/engine/notify/notification-message.ts";
import { startNotifyReceiver, type NotifyReceiver } from "../harness/notify-receiver.ts";
import { deployedNotification, REVISION } from "./notify/sample-notification.ts";
import * as formats from "./notify/vendor-formats.ts";

const SECRET = "webhook-signing-secret-for-tests";
let receiver: NotifyReceiver;

beforeAll(async () => {
  receiver = await startNotifyReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.answer = () => ({ status: 200, body: "ok" });
});

async function send(provider: Record<string, unknown>): Promise<void> {
  const config = notificationsConfigSchema.parse({ providers: [{ name: "p", ...provider }] });
  const [p] = config.providers;
  if (!p) throw new Error("no provider");
  const env = { HOOK_URL: `${receiver.url}/hook`, TOKEN: "t0ken", SIGNING: SECRET };
  const sender = await senderFor(p, { http: undiciTransport(), secrets: new SecretResolver({ env }), region: "us-east-1" });
  const n = deployedNotification(`${receiver.url}/apps/web-prod`);
  await sender(n, notificationMessage(n));
}

const json = (body: string): unknown => JSON.parse(body);

describe("notification senders against real receivers", () => {
  it("Slack: one POST of Block Kit blocks to the incoming webhook, every fact in a field", async () => {
    await send({ type: "slack", url: { env: "HOOK_URL" } });

    expect(receiver.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /hook"]);
    const body = formats.slackMessageSchema.parse(json(receiver.requests[0]?.body ?? ""));
    const fields = body.blocks.flatMap((b) => (b.type === "section" && b.fields ? b.fields.map((f) => f.text) : []));
    expect(body.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "web-prod deployed 3f1c2d9e8b7a", emoji: true } });
    expect(fields).toEqual(expect.arrayContaining([
      "*App*\nweb-prod", "*App set*\nweb", "*Cluster*\nprod", "*Namespace*\nweb",
      "*Triggered by*\nwebhook distribution (6f0c1b52-delivery)",
      `*Image*\nregistry.example.com/team/web 1.4.2 → 1.5.0 (sha256:${"b".repeat(12)})`,
      "*Objects*\n1 created, 1 configured, 1 pruned", "*Health*\nHealthy after 8.4 s",
    ]));
    const buttons = body.blocks.flatMap((b) => (b.type === "actions" ? b.elements.map((e) => e.url) : []));
    expect(buttons).toEqual([`https://github.com/acme/charts/commit/${REVISION}`, `https://github.com/acme/charts/commit/${REVISION}`, `${receiver.url}/apps/web-prod`]);
  });

  it("Teams: a workflow message whose one attachment is an Adaptive Card with a FactSet and OpenUrl actions", async () => {
    receiver.answer = () => ({ status: 202 });
    await send({ type: "teams", url: { env: "HOOK_URL" } });

    const body = formats.teamsMessageSchema.parse(json(receiver.requests[0]?.body ?? ""));
    const card = body.attachments[0]?.content;
    const facts = card?.body.flatMap((e) => (e.type === "FactSet" ? e.facts : []));
    expect(facts).toEqual(expect.arrayContaining([{ title: "App", value: "web-prod" }, { title: "Health", value: "Healthy after 8.4 s" }]));
    expect(card?.actions.map((a) => a.title)).toEqual(["Sluice's commit", "Source commit", "Dashboard"]);
  });

  it("signed webhook: Sluice's JSON, signed as the generic intake checks, the dedupe key as delivery id", async () => {
    await send({ type: "webhook", url: `${receiver.url}/hook`, secrets: [{ env: "SIGNING" }] });

    const request = receiver.requests[0];
    if (!request) throw new Error("nothing received");
    expect(hmacSha256Matches(Buffer.from(request.body), sha256Prefixed(request.headers["x-signature"]), [SECRET])).toBe(true);
    expect(hmacSha256Matches(Buffer.from(request.body), sha256Prefixed(request.headers["x-signature"]), ["another"])).toBe(false);
    const { notification } = notificationBodySchema.parse(json(request.body));
    expect(request.headers["x-delivery-id"]).toBe(notification.id);
    expect(notification).toMatchObject({ trigger: "on-deployed", app: "web-prod", revision: REVISION, health: { status: "Healthy", healthyAfterSeconds: 8.4 } });
  });

  it("signed webhook, CloudEvents mode: a structured CloudEvents 1.0 event around the same data", async () => {
    await send({ type: "webhook", url: `${receiver.url}/hook`, secrets: [{ env: "SIGNING" }], format: "cloudevents" });

    const request = receiver.requests[0];
    expect(request?.headers["content-type"]).toBe("application/cloudevents+json");
    const event = formats.cloudEventSchema.parse(json(request?.body ?? ""));
    expect(notificationBodySchema.parse(event.data).notification.trigger).toBe("on-deployed");
    expect(event).toMatchObject({ type: "io.sluice.deployed", source: "/sluice/apps/web-prod", subject: "web-prod", time: "2026-12-02T01:02:03.000Z" });
    expect(hmacSha256Matches(Buffer.from(request?.body ?? ""), sha256Prefixed(request?.headers["x-signature"]), [SECRET])).toBe(true);
  });
});
