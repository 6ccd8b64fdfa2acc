// A directory app written in jsonnet, as Argo CD users have them: a .jsonnet file importing a
// .libsonnet of its own folder and one from a library folder, with a top-level argument and an
// external variable, synced by `sluice sync` to the real API server; then a commit with a syntax
// error, reported with its file and line and kept on the app, the applied objects untouched.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, git, revParse } from "../harness/git-server.ts";
import { getJson } from "./sync-kubectl.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");
const NS = "jsonnet-web";

const FILES: Record<string, string> = {
  "apps/web/main.jsonnet": [
    "local cm = import 'cm.libsonnet';",
    "local labels = import 'labels.libsonnet';",
    "function(env='dev', replicas=1) [",
    "  cm.configMap('web-' + env, { region: std.extVar('region').name, replicas: std.toString(replicas) }, labels),",
    "  cm.configMap('web-flags', { debug: std.toString(env != 'prod') }, labels),",
    "]",
    "",
  ].join("\n"),
  "apps/web/cm.libsonnet": "{ configMap(name, data, labels):: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name, labels: labels }, data: data } }\n",
  "vendor/labels.libsonnet": "{ 'app.kubernetes.io/part-of': 'shop' }\n",
};

describe("a directory app of jsonnet", () => {
  let work: string;
  let server: GitHttpServer;
  let configPath: string;

  const sluice = (...args: string[]): Promise<{ code: number; out: string }> => new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, "--config", configPath], { env: { ...process.env, SLUICE_WORK_DIR: work, SLUICE_DEBUG: "" } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr });
    });
  });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-jsonnet-"));
    await createBareRepo(join(work, "git"), "shop.git", FILES);
    server = await startGitHttpServer({ root: join(work, "git") });
    configPath = join(work, "sluice.yaml");
    await writeFile(configPath, `
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: web
    source: { repo: ${server.url}/shop.git, branch: main, path: apps/web }
    render:
      directory:
        jsonnet:
          tlas: [{ name: env, value: prod }, { name: replicas, value: "1 + 2", code: true }]
          extVars: [{ name: region, value: "{ name: 'eu-west-1' }", code: true }]
          libs: [vendor]
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: false, createNamespace: true, healthTimeoutSeconds: 0 }
`);
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("renders each object of the output with its imports, tla and ext var, and applies them", async () => {
    // Act
    const sync = await sluice("sync", "web");

    // Assess
    expect(sync.code, sync.out).toBe(0);
    const web = await getJson("configmap", "web-prod", NS);
    const flags = await getJson("configmap", "web-flags", NS);
    expect(web?.["data"]).toEqual({ region: "eu-west-1", replicas: "3" });
    expect(web?.metadata.labels?.["app.kubernetes.io/part-of"]).toBe("shop");
    expect(flags?.["data"]).toEqual({ debug: "false" });
  });

  it("reports a syntax error with its file and line, keeps it on the app, and leaves the applied objects", async () => {
    // Prepare: a commit that breaks the file's fourth line
    const clone = join(work, "clone");
    await git(["clone", "--quiet", join(work, "git", "shop.git"), clone]);
    const lines = (FILES["apps/web/main.jsonnet"] ?? "").split("\n");
    lines[3] = "  cm.configMap('web-' + env, { region: , }, labels),";
    await writeFile(join(clone, "apps", "web", "main.jsonnet"), lines.join("\n"));
    await git(["commit", "--quiet", "-am", "break the region"], clone);
    await git(["push", "--quiet", "origin", "main"], clone);
    const broken = (await revParse(join(work, "git", "shop.git"))).slice(0, 12);

    // Act
    const sync = await sluice("sync", "web");
    const status = await sluice("status");

    // Assess
    // go-jsonnet names the unexpected token's columns, from 1.
    const column = lines[3].indexOf(": ,") + 3;
    const message = `render of ${broken} failed: jsonnet failed: apps/web/main.jsonnet:4:${column}-${column + 1} Unexpected: "," while parsing terminal`;
    expect(sync.code).toBe(1);
    expect(sync.out).toBe(`web: ${message}\n`);
    expect(status.out).toContain(`    ${message}\n`);
    expect((await getJson("configmap", "web-prod", NS))?.["data"]).toEqual({ region: "eu-west-1", replicas: "3" });
  });
});
