import { describe, expect, it } from "vitest";
import { HttpKubeClient, UnknownKindError } from "../../../../src/adapters/kube/http-kube-client.ts";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { KubeRequest } from "../../../../src/adapters/kube/kube-http.ts";

/** Answers like an API server from a table of method+path; records every request. */
function server(answers: Record<string, unknown | ((req: KubeRequest) => unknown)>) {
  const requests: KubeRequest[] = [];
  const send = async (req: KubeRequest): Promise<unknown> => {
    requests.push(req);
    const answer = answers[`${req.method} ${req.path}`];
    if (answer === undefined) throw new KubeApiError(404, "the server could not find the requested resource", { reason: "NotFound" });
    return typeof answer === "function" ? answer(req) : answer;
  };
  return { send, requests };
}

const discovery = {
  "GET /api/v1": { groupVersion: "v1", resources: [{ name: "configmaps", kind: "ConfigMap", namespaced: true, verbs: ["get"] }, { name: "configmaps/status", kind: "ConfigMap", namespaced: true }, { name: "namespaces", kind: "Namespace", namespaced: false }] },
  "GET /apis/apps/v1": { groupVersion: "apps/v1", resources: [{ name: "deployments", kind: "Deployment", namespaced: true }] },
  "GET /apis/example.dev/v1": { groupVersion: "example.dev/v1", resources: null },
};

describe("HttpKubeClient", () => {
  it("server-side applies to the resource's path with field manager sluice, forcing and dry-running on request", async () => {
    const { send, requests } = server({ ...discovery, "PATCH /apis/apps/v1/namespaces/shop/deployments/web": (req: KubeRequest) => req.body });
    const client = new HttpKubeClient(send);
    const object = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" } };
    await client.apply(object, { force: true, dryRun: true });
    const patch = requests.at(-1);
    expect(patch).toMatchObject({ method: "PATCH", contentType: "application/apply-patch+yaml", query: { fieldManager: "sluice", fieldValidation: "Strict", force: "true", dryRun: "All" } });
    await client.apply(object, {});
    expect(requests.at(-1)?.query).toEqual({ fieldManager: "sluice", fieldValidation: "Strict", force: undefined, dryRun: undefined });
  });

  it("writes user objects with strict field validation on every path: create, update, replace and its create fallback", async () => {
    // Prepare: the ConfigMap does not exist, so replace's PUT answers 404 and it creates
    const echo = (req: KubeRequest) => req.body;
    const { send, requests } = server({ ...discovery, "POST /api/v1/namespaces/shop/configmaps": echo, "PUT /api/v1/namespaces/shop/configmaps/cfg": echo });
    const client = new HttpKubeClient(send);
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "shop" } };
    const missing = { ...object, metadata: { ...object.metadata, name: "gone" } };

    // Act
    await client.create(object);
    await client.update(object);
    await client.replace(missing, {}).catch(() => undefined);

    // Assess
    const writes = requests.filter((r) => r.method !== "GET");
    expect(writes.map((r) => `${r.method} ${r.query?.["fieldManager"]} ${r.query?.["fieldValidation"]}`)).toEqual([
      "POST sluice Strict", "PUT sluice Strict", "PUT sluice Strict", "POST sluice Strict",
    ]);
  });

  it("replaces managedFields by a JSON patch that first tests the resourceVersion", async () => {
    // Prepare
    const { send, requests } = server({ ...discovery, "PATCH /api/v1/namespaces/shop/configmaps/cfg": { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" } } });
    const entries = [{ manager: "sluice", operation: "Apply", fieldsV1: { "f:data": {} } }];

    // Act
    await new HttpKubeClient(send).patchManagedFields({ apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "cfg" }, "42", entries);

    // Assess
    expect(requests.at(-1)).toMatchObject({
      contentType: "application/json-patch+json",
      body: [{ op: "test", path: "/metadata/resourceVersion", value: "42" }, { op: "replace", path: "/metadata/managedFields", value: entries }],
    });
  });

  it("lists page by page and puts back the apiVersion and kind list items lack", async () => {
    const pages = [{ items: [{ metadata: { name: "a" } }], metadata: { continue: "next" } }, { items: [{ metadata: { name: "b" } }], metadata: {} }];
    const { send, requests } = server({ ...discovery, "GET /api/v1/namespaces/shop/configmaps": () => pages.shift() });
    const items = await new HttpKubeClient(send).list("v1", "ConfigMap", "shop");
    expect(items.map((i) => `${i.apiVersion}/${i.kind}/${i.metadata.name}`)).toEqual(["v1/ConfigMap/a", "v1/ConfigMap/b"]);
    expect(requests.filter((r) => r.path.endsWith("configmaps")).map((r) => r.query?.["continue"])).toEqual([undefined, "next"]);
  });

  it("reads a missing object as undefined, replaces by PUT or creates by POST, deletes with a uid precondition", async () => {
    const { send, requests } = server({ ...discovery, "POST /api/v1/namespaces/shop/configmaps": (req: KubeRequest) => req.body, "DELETE /api/v1/namespaces/shop/configmaps/a": {} });
    const client = new HttpKubeClient(send);
    expect(await client.get({ apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "a" })).toBeUndefined();
    await client.replace({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "shop" } }, {});
    expect(requests.slice(-2).map((r) => `${r.method} ${r.path}`)).toEqual(["PUT /api/v1/namespaces/shop/configmaps/a", "POST /api/v1/namespaces/shop/configmaps"]);
    expect(await client.delete({ apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "a" }, { propagationPolicy: "Orphan", uid: "u-1" })).toBe(true);
    expect(requests.at(-1)?.body).toEqual({ apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Orphan", preconditions: { uid: "u-1" } });
    expect(await client.delete({ apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "gone" }, { propagationPolicy: "Foreground" })).toBe(false);
  });

  it("knows cluster-scoped kinds, skips subresources, and treats a group not yet served as having no kinds", async () => {
    const { send } = server(discovery);
    const client = new HttpKubeClient(send);
    expect(await client.resource("v1", "Namespace")).toMatchObject({ name: "namespaces", namespaced: false });
    expect(await client.resource("v1", "ConfigMap")).toMatchObject({ name: "configmaps" });
    expect(await client.resource("example.dev/v1", "Widget")).toBeUndefined();
    expect(await client.resource("nope.dev/v1", "Thing")).toBeUndefined();
    await expect(client.get({ apiVersion: "nope.dev/v1", kind: "Thing", name: "t" })).rejects.toThrow(UnknownKindError);
  });
});
