// examples/review-apps/run.sh as its README section runs it: against `SLUICE_EXAMPLE=review-apps npm start`,
// on the test API server and a real registry, from a state folder nothing prepared.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { git, gitLog } from "../harness/git-server.ts";
import { freePorts, startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";
import { kubectl } from "./sync-kubectl.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BRANCH = "feature/checkout-v2";
const SLUG = "feature-checkout-v2";

/** Runs a command to its end: exit code and everything it printed. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

describe("examples/review-apps", () => {
  let state = "";
  let registry: Registry | undefined;
  let sluice: ChildProcess | undefined;
  let output = "";
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    if (inject("kubeNodes") === 0) {
      throw new Error(`the review app's Deployment must run, which needs simulated nodes; Kubernetes ${inject("kubeVersion")} has none. `
        + "Run: bash test/harness/build-k8s-current.sh");
    }
    state = await mkdtemp(join(tmpdir(), "sluice-review-example-"));
    registry = await startRegistry();
    const [port, gitPort] = await freePorts(2);
    env = {
      ...process.env, KUBECONFIG: inject("kubeconfig"), KUBECTL: (await ensureKubeTools()).kubectl, SLUICE_REGISTRY: registry.host,
      SLUICE_EXAMPLE: "review-apps", SLUICE_STATE_DIR: state, SLUICE_PORT: String(port), SLUICE_GIT_PORT: String(gitPort), POWERTOOLS_LOG_LEVEL: "WARN",
    };
    sluice = spawn("npm", ["start"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env });
    sluice.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    sluice.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    // The banner names the endpoints run.sh sends to and the script itself.
    await waitFor("npm start's ready banner", async () => (output.includes("examples/review-apps/run.sh") && output.includes("generic: POST") ? true : undefined), 90_000);
  }, 120_000);

  afterAll(async () => {
    if (sluice?.pid) {
      process.kill(-sluice.pid, "SIGTERM");
      await new Promise((resolve) => sluice?.once("exit", resolve));
    }
    await registry?.stop();
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("run.sh exits 0 once the branch's review app was created, ran the pushed image and was removed with its namespace and values file", async () => {
    // Act
    const result = await run("bash", [join(ROOT, "examples", "review-apps", "run.sh")], { ...env, BRANCH, TIMEOUT: "120" });

    // Assess: the script's verdict, each step it printed, then the end state it claims, read independently.
    expect(result.code, `${result.output}\n--- npm start ---\n${output}`).toBe(0);
    for (const seen of [`namespace web1-${SLUG} on the API server`, `values file review/${SLUG}.yaml committed on main`,
      `Deployment web1 in web1-${SLUG} running ${registry?.host}/fe/apps/web1/${SLUG}:`, `namespace web1-${SLUG} deleted`,
      `values file review/${SLUG}.yaml removed from main`]) {
      expect(result.output).toContain(`seen: ${seen}`);
    }
    const repo = join(state, "git", "charts.git");
    const subjects = (await gitLog(repo)).map((c) => c.subject);
    expect(subjects.slice(0, 3)).toEqual([
      `[skip ci] sluice: remove values file review/${SLUG}.yaml of web1-${SLUG}`,
      expect.stringMatching(new RegExp(`^\\[skip ci\\] sluice: web1-${SLUG} \\S+/fe/apps/web1/${SLUG} \\(none\\) -> [0-9a-f]{7}$`)),
      `[skip ci] sluice: values file review/${SLUG}.yaml for web1-${SLUG}`,
    ]);
    expect(await git(["ls-tree", "-r", "--name-only", "main", "review/"], repo)).not.toContain(`${SLUG}.yaml`);
    expect(await git(["branch", "--list", BRANCH], repo)).toBe("");
    const namespace = await kubectl("get", "namespace", `web1-${SLUG}`, "--ignore-not-found", "-o", "name");
    expect(namespace.trim()).toBe("");
    const record = await kubectl("get", "configmap", `sluice-app-web1-${SLUG}`, "-n", "sluice-system", "--ignore-not-found", "-o", "name");
    expect(record.trim()).toBe("");
  }, 240_000);
});
