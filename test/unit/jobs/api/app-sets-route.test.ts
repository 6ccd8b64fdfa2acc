import { describe, expect, it } from "vitest";
import type { AppConfig } from "../../../../src/core/config/app-config.ts";
import { apiHandler } from "../../../../src/jobs/api/handle-api.ts";
import type { AppSetsBody } from "../../../../src/jobs/api/app-sets.ts";
import { apiDeps, fleet, record } from "./api-fakes.ts";

const get = (path: string) => ({ method: "GET", path, query: {}, body: "", mayAct: false, via: "test" });

describe("GET /api/appsets", () => {
  it("counts per app set and cluster from one listing per cluster, and names a cluster that refused its records", async () => {
    // Prepare: 30 apps, every third in app set shop; east's records all synced, one Degraded; west forbids listing
    const apps = fleet(30);
    const { deps, stores } = apiDeps(apps);
    apps.filter((a) => "cluster" in a.destination && a.destination.cluster === "east").forEach((a, i) => {
      stores.east.records.set(a.name, record(a.name, i === 0 ? { health: { status: "Degraded", message: "0/1 ready" } } : {}));
    });
    const refusal = "configmaps is forbidden: User \"sluice\" cannot list resource \"configmaps\" in the namespace \"sluice-system\"";
    const west = { ...stores.west.destination("west"), listRecords: async () => { throw new Error(refusal); } };
    const onWest = (app: AppConfig) => "cluster" in app.destination && app.destination.cluster === "west";
    const handle = apiHandler({ ...deps, destinationFor: (app) => (onWest(app) ? west : deps.destinationFor(app)) });

    // Act
    const response = await handle(get("/api/appsets"));
    const again = await handle(get("/api/appsets"));

    // Assess
    expect(response.status).toBe(200);
    const body = response.body as AppSetsBody;
    const shop = body.appSets.find((s) => s.appSet === "shop");
    // shop: app-0000, 0003, … 0027; even ones on east (5), odd on west (5)
    expect(shop).toMatchObject({ clusters: 2, apps: 10, synced: 5, healthy: 4, notHealthy: 6, notSynced: 5 });
    expect(shop?.perCluster.map((c) => [c.cluster, c.apps, c.condition])).toEqual([["east", 5, undefined], ["west", 5, `cannot read records: ${refusal}`]]);
    expect(body.appSets.map((s) => s.appSet)).toEqual(["(none)", "shop"]);
    expect(body.appSets.reduce((n, s) => n + s.apps, 0)).toBe(30);
    expect(again.body).toEqual(body);
    expect(stores.east.lists).toBe(1);
  });

  it("answers only GET", async () => {
    const { deps } = apiDeps(fleet(3));
    const handle = apiHandler(deps);

    const response = await handle({ ...get("/api/appsets"), method: "POST", mayAct: true });

    expect(response.status).toBe(405);
  });
});
