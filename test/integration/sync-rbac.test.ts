// infra/rbac is enough, and no more: a sync as a ServiceAccount bound by the shipped ClusterRole
// applies, records, follows health and prunes; what the role does not grant fails per resource
// with the server's 403. The namespaced variant works in its namespace and nowhere else.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { waitFor } from "../harness/wait-for.ts";
import { appFor, configMap, deployment, held, service } from "./sync-fixtures.ts";
import { kubectl, names } from "./sync-kubectl.ts";

const RBAC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "infra", "rbac");

/** A kubeconfig for the test cluster that authenticates as a ServiceAccount's token. */
async function asServiceAccount(namespace: string, name: string): Promise<KubeConfig> {
  // A token from the TokenRequest API: since Kubernetes 1.24 no Secret holds one by default.
  const token = (await kubectl("create", "token", name, "-n", namespace, "--duration=1h")).trim();
  const admin = new KubeConfig();
  admin.loadFromFile(inject("kubeconfig"));
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error("no cluster in the test kubeconfig");
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser({ ...cluster, name: "test" }, { name, token });
  return kc;
}

describe("least-privilege RBAC from infra/rbac", () => {
  beforeAll(async () => {
    await kubectl("create", "namespace", "sluice-system").catch((error: unknown) => {
      if (!(error instanceof Error && error.message.includes("AlreadyExists"))) throw error;
    });
    await kubectl("apply", "-f", join(RBAC, "cluster-role.yaml"));
    await kubectl("create", "serviceaccount", "sluice", "-n", "sluice-system");
  });

  it("lets the ClusterRole's identity sync, record, read health and prune; refuses what it does not grant", async () => {
    // Prepare
    const destination = new ClusterDestination(await asServiceAccount("sluice-system", "sluice"), { name: "test" });
    const app = appFor("rbac-cluster", "rbac-cluster", { prune: true });
    const binding: Manifest = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "rbac-cluster-admin" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }, subjects: [{ kind: "User", name: "mallory" }] };
    // Its pods wait for a node, so health stays Progressing while the test reads it.
    const web = held("rbac-cluster", deployment("web"));
    const objects = [web, service("web"), configMap("cfg"), { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web" } }, binding];

    // Act
    const run = await destination.sync(app, objects, []);
    await destination.storeRecord({ app: app.name, revision: "1".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Progressing" }, inventory: run.inventory, history: [] }, (await destination.loadRecord(app.name)).version);
    const health = await destination.health(app, run.rendered.filter((key) => !key.includes("/ClusterRoleBinding/")));
    const withRefused = await destination.health(app, run.rendered);
    const pruned = await destination.sync(app, [web, service("web")], run.inventory);

    // Assess
    // Bindings go after what their roles may name and before the workloads: a tier after the Service.
    expect(run.results.map((r) => `${r.kind}:${r.status}`)).toEqual(["ServiceAccount:applied", "ConfigMap:applied", "Service:applied", "ClusterRoleBinding:failed", "Deployment:applied"]);
    expect(run.results.find((r) => r.kind === "ClusterRoleBinding")?.message).toMatch(/^403 Forbidden: .*system:serviceaccount:sluice-system:sluice.* cannot (patch|create) resource "clusterrolebindings"/);
    expect((await destination.readRecord(app.name))?.revision).toBe("1".repeat(40));
    expect(health.status).toBe("Progressing");
    // What it may not read has no known health, which outranks every other state.
    expect(withRefused).toMatchObject({ status: "Unknown", message: expect.stringMatching(/^ClusterRoleBinding\/rbac-cluster-admin: cannot read: .*forbidden/) });
    expect(pruned.results.filter((r) => r.status === "pruned").map((r) => r.kind).sort()).toEqual(["ConfigMap", "ServiceAccount"]);
    await waitFor("the pruned ConfigMap to go", async () => ((await names("configmap", "rbac-cluster")).includes("cfg") ? undefined : true));
  });

  it("lets the namespaced variant sync in its namespace and nowhere else", async () => {
    // Prepare: the Role in one namespace, bound to its own ServiceAccount; records allowed too
    await kubectl("create", "namespace", "rbac-ns");
    await kubectl("create", "namespace", "rbac-other");
    await kubectl("create", "serviceaccount", "sluice-ns", "-n", "sluice-system");
    const role = (await readFile(join(RBAC, "namespaced-role.yaml"), "utf8")).replaceAll("APP_NAMESPACE", "rbac-ns").replace("name: sluice, namespace: sluice-system", "name: sluice-ns, namespace: sluice-system");
    const file = join(await mkdtemp(join(tmpdir(), "sluice-rbac-")), "role.yaml");
    await writeFile(file, role);
    await kubectl("apply", "-f", file);
    await kubectl("create", "rolebinding", "sluice-ns-records", "-n", "sluice-system", "--role=sluice-records", "--serviceaccount=sluice-system:sluice-ns");
    const destination = new ClusterDestination(await asServiceAccount("sluice-system", "sluice-ns"), { name: "test" });
    const inside = appFor("rbac-ns", "rbac-ns", { createNamespace: false });
    const outside = appFor("rbac-other", "rbac-other", { createNamespace: false });

    // Act
    const allowed = await destination.sync(inside, [deployment("web"), configMap("cfg")], []);
    await destination.storeRecord({ app: inside.name, revision: "2".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: allowed.inventory, history: [] }, (await destination.loadRecord(inside.name)).version);
    const refused = await destination.sync(outside, [configMap("cfg")], []);

    // Assess
    expect(allowed.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect((await destination.listRecords()).map((r) => r.app)).toContain("rbac-ns");
    expect(refused.results[0]).toMatchObject({ status: "failed", message: expect.stringMatching(/^403 Forbidden/) });
  });
});
