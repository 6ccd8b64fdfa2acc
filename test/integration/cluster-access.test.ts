// Reaching a cluster the way the Lambda worker does without a kubeconfig: server, CA and a
// token from a secret store, put on each request by Sluice's authenticator.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, inject, it } from "vitest";
import { kubeConfigFor } from "../../src/adapters/kube/kube-config-for.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";

async function clusterSecrets() {
  const ca = await readFile(join(inject("clusterDir"), "pki", "ca.crt"));
  const tokens = await readFile(join(inject("clusterDir"), "pki", "tokens.csv"), "utf8");
  return { caData: ca.toString("base64"), token: tokens.split(",")[0] ?? "" };
}

describe("kubeConfigFor a { server, caData, token } cluster", () => {
  it("authenticates every request with the token from the secret store", async () => {
    // Prepare
    const { caData, token } = await clusterSecrets();
    const secrets = new SecretResolver({ env: {}, secretsManager: async (id) => (id === "sluice/test/cluster-token" ? token : "") });

    // Act
    const kc = await kubeConfigFor({ name: "test", server: inject("kubeApiServer"), caData, token: { secretsManager: "sluice/test/cluster-token" } }, { secrets, region: "us-east-1" });
    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();

    // Assess
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain("kube-system");
  });

  it("is refused with a wrong token, and verifies the server against the CA", async () => {
    const { caData } = await clusterSecrets();
    const secrets = new SecretResolver({ env: { WRONG: "not-a-token" } });

    const wrongToken = await kubeConfigFor({ name: "test", server: inject("kubeApiServer"), caData, token: { env: "WRONG" } }, { secrets, region: "us-east-1" });
    const noCa = await kubeConfigFor({ name: "test", server: inject("kubeApiServer"), token: { env: "WRONG" } }, { secrets, region: "us-east-1" });

    await expect(wrongToken.makeApiClient(CoreV1Api).listNamespace()).rejects.toMatchObject({ code: 401 });
    await expect(noCa.makeApiClient(CoreV1Api).listNamespace()).rejects.toThrow(/certificate/i);
  });
});
