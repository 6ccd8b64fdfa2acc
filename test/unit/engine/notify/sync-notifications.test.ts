import { describe, expect, it } from "vitest";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import { syncNotifications, type SyncFacts } from "../../../../src/engine/notify/sync-notifications.ts";
import type { NotificationBase } from "../../../../src/engine/notify/notification-base.ts";

const REV = "1".repeat(40);
const base = (kind: NotificationBase["cause"]["kind"] = "webhook"): NotificationBase => ({
  at: "2026-12-02T00:00:00.000Z", app: "web", namespace: "web", cause: { kind, deliveryId: "d-1" }, repo: "https://github.com/acme/charts.git", branch: "main",
});
const record = (over: Partial<AppRecord> = {}): AppRecord => ({
  app: "web", revision: "0".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [], ...over,
});
const outcome = (over: Partial<SyncFacts["outcome"]> = {}): SyncFacts["outcome"] => ({ revision: REV, status: "synced", resources: [], health: { status: "Healthy" }, ...over });
const triggers = (f: SyncFacts) => syncNotifications(f).map((n) => n.trigger);

describe("syncNotifications", () => {
  it("a new revision synced and Healthy is deployed, with objects created and configured told apart", () => {
    const [n] = syncNotifications({
      base: base(), previous: record({ inventory: ["apps/v1/Deployment/web/web"] }),
      outcome: outcome({ healthyAfterMs: 12_345, resources: [
        { key: "apps/v1/Deployment/web/web", kind: "Deployment", name: "web", namespace: "web", status: "applied" },
        { key: "v1/Service/web/web", kind: "Service", name: "web", namespace: "web", status: "applied" },
        { key: "v1/ConfigMap/web/old", kind: "ConfigMap", name: "old", namespace: "web", status: "pruned" },
        { key: "v1/Secret/web/same", kind: "Secret", name: "same", namespace: "web", status: "unchanged" },
      ] }),
    });

    expect(n).toMatchObject({ trigger: "on-deployed", revision: REV, health: { status: "Healthy", healthyAfterSeconds: 12.3 } });
    expect(n?.objects).toEqual({
      created: ["Service/web/web"], configured: ["Deployment/web/web"], pruned: ["ConfigMap/web/old"], failed: [],
      counts: { created: 1, configured: 1, pruned: 1, failed: 0 },
    });
    expect(n?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("says deployed once per revision: not for a person's sync of a revision already Synced and Healthy", () => {
    expect(triggers({ base: base("cli"), previous: record({ revision: REV }), outcome: outcome() })).toEqual([]);
    expect(triggers({ base: base("cli"), previous: record({ revision: REV, health: { status: "Degraded" } }), outcome: outcome() })).toEqual(["on-deployed"]);
  });

  it("the same revision applied again over a Synced record is drift healed, not a deploy", () => {
    expect(triggers({ base: base("self-heal"), previous: record({ revision: REV }), outcome: outcome() })).toEqual(["on-drift-healed"]);
    expect(triggers({ base: base("sweep"), previous: record({ revision: REV }), outcome: outcome() })).toEqual(["on-drift-healed"]);
  });

  it("failed syncs carry the error; Degraded apps say so; drift recorded is drift found", () => {
    const failed = syncNotifications({ base: base(), previous: undefined, outcome: outcome({ status: "failed", message: "1 of 2 resources failed: Deployment/web: field not declared" }) });
    expect(failed.map((n) => [n.trigger, n.error])).toEqual([["on-sync-failed", "1 of 2 resources failed: Deployment/web: field not declared"]]);
    expect(triggers({ base: base(), previous: undefined, outcome: outcome({ health: { status: "Degraded", message: "ImagePullBackOff" } }) })).toEqual(["on-health-degraded"]);
    expect(triggers({ base: base(), previous: record({ revision: REV }), outcome: outcome({ status: "out-of-sync", message: "1 resource(s) differ" }) })).toEqual(["on-drift-found"]);
  });

  it("says nothing for a revision awaiting a manual sync, a sync already done, or one waiting on a wave", () => {
    expect(triggers({ base: base(), previous: record(), outcome: outcome({ status: "out-of-sync", message: "awaits a manual sync" }) })).toEqual([]);
    expect(triggers({ base: base(), previous: record({ revision: REV }), outcome: outcome({ status: "already-synced" }) })).toEqual([]);
    expect(triggers({ base: base(), previous: record(), outcome: outcome({ status: "waiting" }) })).toEqual([]);
  });

  it("one dedupe key per app, revision and event: the same facts twice give the same id", () => {
    const facts = { base: base(), previous: undefined, outcome: outcome() };
    expect(syncNotifications(facts)[0]?.id).toBe(syncNotifications({ ...facts, base: { ...base(), at: "2027-01-01T00:00:00.000Z" } })[0]?.id);
    expect(syncNotifications(facts)[0]?.id).not.toBe(syncNotifications({ ...facts, outcome: outcome({ revision: "2".repeat(40) }) })[0]?.id);
  });
});
