import { describe, expect, it } from "vitest";
import { apiHandler } from "../../../../src/jobs/api/handle-api.ts";
import type { ApiRequest } from "../../../../src/jobs/api/api-request.ts";
import type { AppList } from "../../../../src/jobs/api/list-apps.ts";
import { apiDeps, fleet, record } from "./api-fakes.ts";

const get = (path: string, query: Record<string, string> = {}): ApiRequest => ({ method: "GET", path, query, body: "", mayAct: false, via: "test" });
const post = (path: string, body: object, mayAct = true): ApiRequest => ({ method: "POST", path, query: {}, body: JSON.stringify(body), mayAct, via: "test" });

function seeded(count: number) {
  const apps = fleet(count);
  const { deps, stores, queue } = apiDeps(apps);
  apps.forEach((app, i) => {
    const store = "cluster" in app.destination && app.destination.cluster === "west" ? stores.west : stores.east;
    if (i % 7 !== 0) store.records.set(app.name, record(app.name, i % 4 === 0 ? { sync: { status: "OutOfSync", message: "1 resource(s) differ" }, health: { status: "Degraded", message: "Deployment web: 0/1" } } : {}));
  });
  return { apps, handle: apiHandler(deps), stores, queue };
}

describe("the dashboard API's list", () => {
  it("pages on the server, with per-cluster counts over every match and one listing per cluster", async () => {
    const { handle, stores } = seeded(5000);

    const first = (await handle(get("/api/apps", { pageSize: "50" }))).body as AppList;
    const last = (await handle(get("/api/apps", { pageSize: "50", page: "100" }))).body as AppList;

    expect(first.total).toBe(5000);
    expect(first.items).toHaveLength(50);
    expect(last.items.at(-1)?.name).toBe("app-4999");
    expect(first.clusters.map((c) => [c.cluster, c.apps])).toEqual([["east", 2500], ["west", 2500]]);
    const east = first.clusters[0];
    expect(east && east.synced + east.outOfSync).toBe(2500);
    expect(east?.notHealthy).toBeGreaterThan(0);
    expect(stores.east.lists + stores.west.lists).toBe(2);
  });

  it("filters by cluster, namespace, sync, health, app set and label, and searches words", async () => {
    const { handle } = seeded(130);
    const list = async (query: Record<string, string>) => (await handle(get("/api/apps", { pageSize: "500", ...query }))).body as AppList;

    const picked = await list({ cluster: "east", namespace: "payments", sync: "OutOfSync", health: "Degraded", appSet: "shop", label: "team=shop" });
    const searched = await list({ q: "APP-004 west" });

    // east: even; payments: a multiple of 5; shop: of 3; OutOfSync and Degraded: of 4 and not of 7 (never synced).
    expect(picked.items.map((r) => r.name)).toEqual(["app-0060", "app-0120"]);
    expect(searched.items.map((r) => r.name)).toEqual(["app-0041", "app-0043", "app-0045", "app-0047", "app-0049"]);
    expect((await list({ label: "team" })).total).toBe(130);
    expect((await list({ sync: "OutOfSync" })).items.filter((r) => r.syncMessage === "never synced").length).toBeGreaterThan(0);
  });

  it("answers bad filters 400 with every problem and its path", async () => {
    const { handle } = seeded(3);

    const response = await handle(get("/api/apps", { sync: "Sideways", pageSize: "0", colour: "red" }));

    expect(response.status).toBe(400);
    const paths = (response.body as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["sync", "pageSize", "(root)"]));
  });
});

describe("the dashboard API's detail and actions", () => {
  it("shows an app's resources with live health, its history, holds and conditions", async () => {
    const { handle, stores } = seeded(4);
    const hold = { repository: "registry.example/team/app", tag: "1.1.0", from: "1.2.0", message: "holding registry.example/team/app at 1.1.0: rolled back" };
    stores.east.records.set("app-0000", record("app-0000", { holds: [hold], history: [{ at: "2026-12-01T11:00:00.000Z", revision: "b".repeat(40), trigger: "webhook", deliveryId: "d-2", result: "Failed", message: "ConfigMap/web/settings: configmaps \"settings\" is forbidden: User cannot patch resource" }] }));

    const detail = (await handle(get("/api/apps/app-0000"))).body as { resources: { kind: string; health: string }[]; conditions: { type: string; message: string }[]; heldImages: unknown[] };

    expect(detail.resources).toEqual([{ key: "v1/ConfigMap/web/settings", kind: "ConfigMap", name: "settings", namespace: "web", health: "Healthy" }]);
    expect(detail.conditions.map((c) => c.type)).toEqual(["SyncError", "Hold"]);
    expect(detail.conditions[0]?.message).toContain("cannot patch");
    expect(detail.heldImages).toEqual([hold]);
    expect((await handle(get("/api/apps/nope"))).status).toBe(404);
  });

  it("refuses every action without the token, and queues none", async () => {
    const { handle, queue } = seeded(2);

    for (const action of ["sync", "refresh", "rollback", "release"]) {
      expect((await handle(post(`/api/apps/app-0001/${action}`, {}, false))).status).toBe(401);
    }
    expect(queue.jobs).toEqual([]);
  });

  it("queues sync now, refresh and a rollback to a history entry, grouped by app", async () => {
    const { handle, queue } = seeded(2);

    expect((await handle(post("/api/apps/app-0001/sync", {}))).status).toBe(202);
    expect((await handle(post("/api/apps/app-0001/refresh", {}))).status).toBe(202);
    expect((await handle(post("/api/apps/app-0001/rollback", { revision: "aaaaaaa" }))).status).toBe(202);
    const missing = await handle(post("/api/apps/app-0001/rollback", { revision: "cccccccc" }));

    expect(queue.jobs.map((q) => [q.job.kind, q.groupId, "trigger" in q.job ? q.job.trigger : q.job.kind === "rollback" ? q.job.revision : ""]))
      .toEqual([["sync", "app-0001", "manual"], ["sync", "app-0001", "refresh"], ["rollback", "app-0001", "a".repeat(40)]]);
    expect(missing.status).toBe(404);
    expect(new Set(queue.jobs.map((q) => q.deduplicationId)).size).toBe(3);
  });

  it("releases a hold: the held tag counts as written and an update towards the newer tag is queued", async () => {
    const { handle, stores, queue } = seeded(2);
    const hold = { repository: "registry.example/team/app", tag: "1.1.0", from: "1.2.0", message: "held" };
    stores.east.records.set("app-0000", record("app-0000", { holds: [hold], written: { "registry.example/team/app": "1.2.0" } }));

    const released = await handle(post("/api/apps/app-0000/release", { repository: hold.repository }));
    const again = await handle(post("/api/apps/app-0000/release", { repository: hold.repository }));

    expect(released.status).toBe(200);
    expect(stores.east.records.get("app-0000")).toMatchObject({ holds: [], written: { "registry.example/team/app": "1.1.0" } });
    expect(queue.jobs.map((q) => q.job)).toMatchObject([{ kind: "image-update", app: "app-0000", repository: hold.repository, tag: "1.2.0" }]);
    expect(again.status).toBe(409);
  });
});
