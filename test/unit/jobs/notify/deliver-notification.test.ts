import { describe, expect, it } from "vitest";
import { AdapterError } from "../../../../src/core/errors/adapter-error.ts";
import { notificationsConfigSchema } from "../../../../src/core/config/notifications-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { NotifyJob } from "../../../../src/core/queue/job.ts";
import type { NotifySender } from "../../../../src/adapters/notify/notify-sender.ts";
import { deliverNotification } from "../../../../src/jobs/notify/deliver-notification.ts";
import { ProviderPacer } from "../../../../src/jobs/notify/provider-pacer.ts";
import { notificationId } from "../../../../src/engine/notify/notification-id.ts";

const job: NotifyJob = {
  kind: "notify", app: "web", provider: "team", deliveryId: "d-1",
  notification: { id: notificationId("web", "r", "on-deployed"), trigger: "on-deployed", at: "2026-12-02T00:00:00.000Z", app: "web", cause: { kind: "sweep", deliveryId: "d-1" }, images: [] },
};

/** A sender that fails with each error given, in turn, then succeeds; and a clock that only counts. */
function setup(errors: Error[], attempts = 3) {
  const sent: string[] = [];
  const slept: number[] = [];
  let now = 0;
  const sender: NotifySender = async (n, m) => {
    const error = errors.shift();
    if (error) throw error;
    sent.push(`${n.trigger}: ${m.title}`);
  };
  const clock = { now: () => now, sleep: async (ms: number) => void (slept.push(ms), now += ms) };
  const config = notificationsConfigSchema.parse({ providers: [{ name: "team", type: "slack", url: { env: "X" } }], attempts });
  const deps = { config, sender: async () => sender, pacer: new ProviderPacer(clock), sleep: clock.sleep, random: () => 0.5, logger: silentLogger };
  return { sent, slept, deliver: () => deliverNotification(job, deps) };
}

const failure = (retry: AdapterError["retry"]) => new AdapterError("team: POST answered", { endpoint: "notify:team", retry });

describe("deliverNotification", () => {
  it("tries again after a 5xx with backoff, and after a 429 waits what Retry-After said", async () => {
    const { sent, slept, deliver } = setup([failure("later"), failure({ afterMs: 3_000 })]);

    const outcome = await deliver();

    expect(outcome).toEqual({ app: "web", provider: "team", trigger: "on-deployed", status: "delivered", attempts: 3 });
    expect(sent).toEqual(["on-deployed: web deployed"]);
    // 500 ms of backoff and 500 more to keep Slack's one message a second, then the 3 s asked for.
    expect(slept).toEqual([500, 500, 3_000]);
  });

  it("hands the error back to the queue after the attempts, or at once when the wait asked is long", async () => {
    const exhausted = setup([failure("later"), failure("later")], 2);
    await expect(exhausted.deliver()).rejects.toMatchObject({ retry: "later" });
    expect(exhausted.sent).toEqual([]);

    const long = setup([failure({ afterMs: 60_000 })]);
    await expect(long.deliver()).rejects.toMatchObject({ retry: { afterMs: 60_000 } });
    expect(long.slept).toEqual([]);
  });

  it("does not retry a refusal retrying cannot fix", async () => {
    const { sent, deliver } = setup([failure("never")]);

    await expect(deliver()).rejects.toMatchObject({ retry: "never" });
    expect(sent).toEqual([]);
  });

  it("paces one Slack webhook at a message a second", async () => {
    const { slept, deliver } = setup([]);

    await deliver();
    await deliver();

    expect(slept).toEqual([1_000]);
  });
});
