// `npm start` as a newcomer runs it: nothing prepared, the example on embedded defaults.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitLog } from "../harness/git-server.ts";
import { freePorts } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("npm start", () => {
  let state: string;
  let child: ChildProcess;
  let output = "";
  let port: number;

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), "sluice-start-"));
    const [webPort, gitPort] = await freePorts(2);
    port = webPort ?? 0;
    child = spawn("npm", ["start"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, SLUICE_STATE_DIR: state, SLUICE_PORT: String(webPort), SLUICE_GIT_PORT: String(gitPort), POWERTOOLS_LOG_LEVEL: "WARN" },
    });
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  });

  afterAll(async () => {
    if (child?.pid) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("reaches ready, answers /healthz, and deploys the printed sample push into the rendered manifests", async () => {
    // Act: wait for the ready banner, then run the printed curl command as a user would paste it.
    await waitFor("the ready banner", async () => (output.includes("--data-binary @") ? true : undefined), 60_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const rendered = join(state, "rendered", "web-develop", "manifests.yaml");
    // The first sweep renders the chart as it is in git.
    await waitFor("the first render", async () => ((await readFile(rendered, "utf8")).includes("demo/web:1.0.0") ? true : undefined), 30_000);
    const curl = output.slice(output.indexOf("curl -sS")).split("\n").slice(0, 4).join("\n");
    const sent = await new Promise<string>((resolve, reject) => {
      const sh = spawn("sh", ["-c", curl], { cwd: ROOT });
      let out = "";
      sh.stdout.on("data", (c: Buffer) => (out += c.toString()));
      sh.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`curl exited ${code}: ${out}`))));
    });
    const manifests = await waitFor("the new tag in the rendered manifests", async () => {
      const text = await readFile(rendered, "utf8");
      return text.includes("registry.example.local/demo/web:1.1.0") ? text : undefined;
    }, 30_000);

    // Assess
    expect(health.status).toBe(200);
    expect(JSON.parse(sent)).toMatchObject({ status: "queued", jobs: [{ app: "web-develop", tag: "1.1.0" }] });
    expect(manifests).toContain("kind: Deployment");
    const log = await gitLog(join(state, "git", "charts.git"));
    expect(log[0]?.subject).toBe("[skip ci] sluice: web-develop registry.example.local/demo/web 1.0.0 -> 1.1.0");
    const record = JSON.parse(await readFile(join(state, "rendered", "web-develop", "record.json"), "utf8")) as { revision: string; images: Record<string, string> };
    expect(record.images).toEqual({ "registry.example.local/demo/web": "1.1.0" });
    expect(record.revision).toBe(log[0]?.sha);
  });
});
