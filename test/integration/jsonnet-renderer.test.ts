// The jsonnet renderer on go-jsonnet's real wasm (built by the integration setup): what a file's
// output becomes, and each way a render fails, with the retry the worker reads from it.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../src/core/config/app-config.ts";
import { renderApp, type RenderTools } from "../../src/adapters/render/render-app.ts";
import { RenderError } from "../../src/adapters/render/render-error.ts";
import { jsonnetWasm } from "../../src/runtime/wiring/jsonnet-wasm.ts";

const roots: string[] = [];
const tools = (timeoutMs = 30_000, jsonnet = jsonnetWasm()): RenderTools =>
  ({ helm: "unused", kubectl: "unused", run: () => Promise.reject(new Error("no command runs")), timeoutMs, jsonnet });

const appWith = (directory: unknown): AppConfig => {
  const app = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.invalid/x.git", path: "app" }, render: { directory }, destination: { directory: "/unused", namespace: "shop" } }] }).apps[0];
  if (!app) throw new Error("no app");
  return app;
};

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "sluice-jsonnet-render-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** The RenderError a render fails with. */
async function failure(app: AppConfig, root: string, with_ = tools()): Promise<RenderError> {
  const error = await renderApp(app, root, with_).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof RenderError)) throw new Error(`expected a RenderError, got ${String(error)}`);
  return error;
}

afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe("renderApp: a directory's .jsonnet files", () => {
  it("renders an object, an array of objects, and YAML beside them, in file order; a .libsonnet only through import", async () => {
    const root = await tree({
      "app/a.jsonnet": "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }",
      "app/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n",
      "app/c.jsonnet": "local l = import 'l.libsonnet'; [l('c1'), l('c2')]",
      "app/l.libsonnet": "function(n) { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n } }",
    });
    const objects = await renderApp(appWith({}), root, tools());
    expect(objects.map((o) => o.metadata.name)).toEqual(["a", "b", "c1", "c2"]);
  });

  it("evaluates recursion as deep as go-jsonnet allows (its 500 frames), and fails deeper with go-jsonnet's own message", async () => {
    const depth = (n: number) => `local f(n) = if n == 0 then 0 else 1 + f(n - 1); { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' + f(${n}) } }`;
    const deep = await tree({ "app/main.jsonnet": depth(450) });
    const deeper = await tree({ "app/main.jsonnet": depth(5000) });
    expect((await renderApp(appWith({}), deep, tools())).map((o) => o.metadata.name)).toEqual(["d450"]);
    expect((await failure(appWith({}), deeper)).message).toMatch(/^web: jsonnet failed: app\/main\.jsonnet:1:\S+: RUNTIME ERROR: max stack frames exceeded\.$/);
  });

  it("fails output that is not Kubernetes objects, naming the file and the object", async () => {
    const root = await tree({ "app/main.jsonnet": "[{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } }, { kind: 'ConfigMap' }]" });
    const error = await failure(appWith({}), root);
    expect(error.message).toBe("web: app/main.jsonnet output object:2: not a Kubernetes object (apiVersion: Invalid input: expected string, received undefined; metadata: Invalid input: expected object, received undefined)");
    expect(error.retry).toBe("never");
  });

  it("fails a runtime error at its file and line, for the revision: never retried", async () => {
    const root = await tree({ "app/main.jsonnet": "{\n  apiVersion: 'v1',\n  kind: std.extVar('kind'),\n}" });
    const error = await failure(appWith({}), root);
    expect(error.message).toMatch(/^web: jsonnet failed: app\/main\.jsonnet:3:\S+: RUNTIME ERROR: Undefined external variable: kind$/);
    expect(error.retry).toBe("never");
  });

  it("reads nothing outside the repository: not by import, not by libs", async () => {
    const root = await tree({ "app/main.jsonnet": "import '../../../../../../etc/hostname'" });
    expect((await failure(appWith({}), root)).message).toMatch(/^web: jsonnet failed: app\/main\.jsonnet:1:\S+: RUNTIME ERROR: open (\.\.\/)+etc\/hostname: Invalid argument$/);
    expect((await failure(appWith({ jsonnet: { libs: ["../outside"] } }), root)).message).toBe("directory.jsonnet.libs: ../outside leaves the repository");
  });

  it("stops an evaluation that outlives the render timeout, as worth another try", async () => {
    const root = await tree({ "app/main.jsonnet": "std.foldl(function(a, b) a + b, std.range(0, 20000000), 0)" });
    const error = await failure(appWith({}), root, tools(300));
    expect(error.message).toBe("web: jsonnet failed: timed out after 300 ms");
    expect(error.retry).toBe("later");
  });

  it("names the command that builds the wasm where it is missing, as the runtime's fault", async () => {
    const root = await tree({ "app/main.jsonnet": "{}" });
    const missing = join(root, "no-such", "jsonnet.wasm");
    const error = await failure(appWith({}), root, tools(30_000, missing));
    expect(error.message).toBe(`web: jsonnet is rendered by go-jsonnet compiled to WebAssembly, and ${missing} is missing: build it with bash infra/build-jsonnet.sh`);
    expect(error.retry).toBe("later");
  });
});
