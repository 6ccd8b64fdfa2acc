import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { resourceDiff } from "../../../../src/engine/diff/resource-diff.ts";
import { HIDDEN, HIDDEN_CHANGED } from "../../../../src/engine/diff/mask-secret-data.ts";
import { DirectoryDestination } from "../../../../src/engine/destination/directory-destination.ts";
import { configSchema } from "../../../../src/core/config/app-config.ts";

const KEY_LIVE = Buffer.from("-----BEGIN PRIVATE KEY-----\nlive-key-bytes\n").toString("base64");
const KEY_GIT = Buffer.from("-----BEGIN PRIVATE KEY-----\ngit-key-bytes\n").toString("base64");
const CERT = Buffer.from("-----BEGIN CERTIFICATE-----\nsame-cert\n").toString("base64");

const secret = (key: string, extra: Record<string, string> = {}): LiveObject => ({
  apiVersion: "v1", kind: "Secret", type: "kubernetes.io/tls",
  metadata: { name: "tls", namespace: "web", annotations: { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ data: { "tls.key": key } }) } },
  data: { "tls.crt": CERT, "tls.key": key, ...extra },
});
const ref = { apiVersion: "v1", kind: "Secret", namespace: "web", name: "tls" };

describe("Secret data in diffs", () => {
  it("shows a changed value as changed and an equal one as equal, never their bytes", () => {
    const diff = resourceDiff(ref, secret(KEY_GIT, { "ca.crt": CERT }), secret(KEY_LIVE), []);

    expect(diff.status).toBe("OutOfSync");
    for (const bytes of [KEY_LIVE, KEY_GIT, CERT, "live-key-bytes", "git-key-bytes"]) expect(diff.diff).not.toContain(bytes);
    expect(diff.diff).toContain(`-  tls.key: ${HIDDEN}`);
    expect(diff.diff).toContain(`+  tls.key: ${HIDDEN_CHANGED}`);
    expect(diff.diff).toContain(`+  ca.crt: ${HIDDEN}`);
    expect(diff.diff).not.toMatch(/^[-+] {2}tls\.crt/m);
  });

  it("finds equal Secrets Synced, and leaves other kinds' values in the clear", () => {
    expect(resourceDiff(ref, secret(KEY_LIVE), secret(KEY_LIVE), []).status).toBe("Synced");
    const configMap = (v: string): LiveObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "web" }, data: { mode: v } });
    const diff = resourceDiff({ apiVersion: "v1", kind: "ConfigMap", namespace: "web", name: "c" }, configMap("fast"), configMap("slow"), []);
    expect(diff.diff).toContain("+  mode: fast");
  });

  it("masks a Secret a folder destination renders, on both sides of its file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-mask-"));
    const config = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.example.com/a.git" }, render: { directory: {} }, destination: { directory: dir, namespace: "web" } }] });
    const app = config.apps[0];
    if (!app) throw new Error("the app did not parse");
    const stringData = (v: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "web" }, stringData: { password: v } });
    const destination = new DirectoryDestination(dir);
    await destination.sync(app, [stringData("hunter2-old")]);

    const { resources } = await destination.diff(app, [stringData("hunter2-new")]);

    const text = resources[0]?.diff ?? "";
    expect(resources[0]?.status).toBe("OutOfSync");
    expect(text).not.toContain("hunter2");
    expect(text).toContain(`+  password: ${HIDDEN_CHANGED}`);
    await writeFile(join(dir, "manifests.yaml"), "password: hunter2-old\n  : [ not yaml\n");
    const unreadable = (await destination.diff(app, [stringData("hunter2-new")])).resources[0]?.diff ?? "";
    expect(unreadable).not.toContain("hunter2");
  });
});
