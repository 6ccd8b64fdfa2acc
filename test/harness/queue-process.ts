// Starts test/harness/queue-child.ts and waits for its READY line: an SQS that can be SIGKILLed and
// started again on the same port and folder, keeping its messages.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as z from "zod";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "queue-child.ts");
const readySchema = z.object({ endpoint: z.url(), queueUrl: z.url(), dlqUrl: z.url() });

export interface QueueProcess extends z.infer<typeof readySchema> {
  /** SIGKILL: the queue is unreachable until `start` again. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

export interface QueueProcessOptions {
  dataDir: string;
  port: number;
  maxReceiveCount: number;
  visibilitySeconds: number;
}

export async function startQueueProcess(options: QueueProcessOptions): Promise<QueueProcess> {
  let child: ChildProcess | undefined;
  const launch = async () => {
    const args = [options.dataDir, String(options.port), String(options.maxReceiveCount), String(options.visibilitySeconds)];
    const started = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    child = started;
    return new Promise<z.infer<typeof readySchema>>((resolve, reject) => {
      let out = "";
      started.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = /^READY (.*)$/m.exec(out)?.[1];
        if (line !== undefined) resolve(readySchema.parse(JSON.parse(line)));
      });
      started.once("exit", (code, signal) => reject(new Error(`queue-child exited with ${signal ?? code} before READY`)));
    });
  };
  const ready = await launch();
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await gone;
  };
  process.once("exit", () => child?.kill("SIGKILL"));
  return { ...ready, kill, start: async () => void await launch() };
}
