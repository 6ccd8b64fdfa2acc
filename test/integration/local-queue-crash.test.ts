// `sluice start` killed with SIGKILL right after answering 202: the accepted pushes are in the
// queue under the state folder, and the next start delivers every one of them, once.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitLog, readFileAtHead } from "../harness/git-server.ts";
import { freePorts } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SAMPLE = join(ROOT, "examples", "local", "sample-push.json");
const TAGS = ["1.1.0", "1.2.0", "1.3.0", "1.4.0", "1.5.0"];

interface Started {
  child: ChildProcess;
  output: () => string;
}

function startSluice(state: string, port: number, gitPort: number): Started {
  let output = "";
  // The CLI itself, not `npm start`: SIGKILL must reach the process that holds the queue.
  const child = spawn(process.execPath, ["src/runtime/cli/bin.js", "start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SLUICE_STATE_DIR: state, SLUICE_PORT: String(port), SLUICE_GIT_PORT: String(gitPort), POWERTOOLS_LOG_LEVEL: "WARN" },
  });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

async function kill(started: Started | undefined, signal: NodeJS.Signals): Promise<void> {
  const pid = started?.child.pid;
  if (pid === undefined || started?.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once("exit", resolve));
  process.kill(-pid, signal);
  await exited;
}

describe("local queue across SIGKILL", () => {
  let state: string;
  let ports: number[];
  let second: Started | undefined;

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), "sluice-crash-"));
    ports = await freePorts(2);
  });

  afterAll(async () => {
    await kill(second, "SIGTERM");
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("delivers every push answered 202 before the kill, each as one commit", async () => {
    // Prepare: a running Sluice on the example (lookup: false, so the event is the only source of each tag).
    const [port = 0, gitPort = 0] = ports;
    const first = startSluice(state, port, gitPort);
    await waitFor("the ready banner", async () => (first.output().includes("--data-binary @") ? true : undefined), 60_000);
    const token = (await readFile(join(state, "secrets", "distribution-token"), "utf8")).trim();
    const sample = await readFile(SAMPLE, "utf8");

    // Act: push five tags, SIGKILL the moment the last 202 arrives, start again on the same state folder.
    const answers: number[] = [];
    for (const tag of TAGS) {
      const body = sample.replaceAll("1.1.0", tag).replaceAll("1-1-0", tag.replaceAll(".", "-"));
      const res = await fetch(`http://127.0.0.1:${port}/hooks/registry/distribution`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/vnd.docker.distribution.events.v1+json" },
        body,
      });
      answers.push(res.status);
      await res.arrayBuffer();
    }
    await kill(first, "SIGKILL");
    second = startSluice(state, port, gitPort);
    const repo = join(state, "git", "charts.git");
    const values = await waitFor("the newest tag in git", async () => {
      const text = await readFileAtHead(repo, "charts/web/values-develop.yaml");
      return text.includes("1.5.0") ? text : undefined;
    }, 120_000, 500);

    // Assess: all accepted; the newest tag landed; no tag was written by two commits.
    expect(answers).toEqual(TAGS.map(() => 202));
    expect(values).toContain("tag: 1.5.0");
    const subjects = (await gitLog(repo)).map((e) => e.subject).filter((s) => s.startsWith("[skip ci] sluice:"));
    const targets = subjects.map((s) => s.slice(s.lastIndexOf(" -> ") + 4));
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets).toContain("1.5.0");
  }, 240_000);
});
