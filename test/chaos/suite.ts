// Runs every fault in turn on one world and measures, after each: pushes lost (apps not at their
// newest tag in git, cluster and record), commits duplicated, and the time to converge once the
// fault is over. Poison messages (bodies that are no job), one per fault, are sent at the start:
// after each fault the dead-letter queue may hold nothing else, and at the end exactly those.
import { randomUUID } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { KubeConfig } from "@kubernetes/client-node";
import { FAULTS, type FaultContext } from "./faults.ts";
import { deadLetters, observe, type Observed } from "./observe.ts";
import { Pushes } from "./pushes.ts";
import { startWorld, type WorldOptions } from "./world.ts";

export interface SuiteOptions extends WorldOptions {
  cluster: FaultContext["cluster"];
  events: number;
  killEvents: number;
  gitDownMs: number;
  convergeTimeoutMs: number;
  log?: (line: string) => void;
}

export interface Row {
  fault: string;
  events: number;
  lost: number;
  duplicated: number;
  convergeMs: number | undefined;
  problems: string[];
}

export interface SuiteResult {
  rows: Row[];
  kills: Record<string, number>;
  poison: string[];
  deadLetters: string[];
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const log = options.log ?? (() => {});
  const world = await startWorld(options);
  const kc = new KubeConfig();
  kc.loadFromFile(options.kubeconfig);
  const pushes = new Pushes(world.registry.url, world.apps);
  const ctx: FaultContext = { world, pushes, kc, cluster: options.cluster, events: options.events, killEvents: options.killEvents, gitDownMs: options.gitDownMs };
  const look = () => observe({ apps: world.apps, newest: pushes.newest, gitRoot: world.git.root, registryHost: world.registry.host, kc, sqs: world.sqs, dlqUrl: world.queue.dlqUrl });
  const poison = FAULTS.map((_, i) => `chaos poison ${i}: not a job`);
  const rows: Row[] = [];
  try {
    for (const [i, body] of poison.entries()) {
      await world.sqs.send(new SendMessageCommand({ QueueUrl: world.queue.queueUrl, MessageBody: body, MessageGroupId: `poison-${i}`, MessageDeduplicationId: randomUUID() }));
    }
    const onlyPoison = async () => (await deadLetters(world.sqs, world.queue.dlqUrl)).every((body) => poison.includes(body));
    for (const [i, fault] of FAULTS.entries()) {
      const before = { events: pushes.total, duplicated: (await look()).duplicated };
      log(`fault ${i + 1}/${FAULTS.length}: ${fault.name}`);
      await fault.inject(ctx);
      const over = Date.now();
      const seen = await converge(look, onlyPoison, options.convergeTimeoutMs);
      const convergeMs = seen.converged ? Date.now() - over : undefined;
      const doubled = seen.last.duplicated.filter((d) => !before.duplicated.includes(d));
      rows.push({ fault: fault.name, events: pushes.total - before.events, lost: seen.last.behind.length, duplicated: doubled.length, convergeMs, problems: [...seen.last.behind.map((b) => `${b.app}: ${b.problem}`), ...doubled] });
      log(`  ${convergeMs === undefined ? "did not converge" : `converged in ${convergeMs} ms`}; dead letters ${seen.last.dlq}`);
    }
    world.registryReads.flap(false);
    // Each poison message takes maxReceiveCount visibility timeouts to get there.
    const all = async () => ((await look()).dlq >= poison.length ? true : undefined);
    for (const deadline = Date.now() + options.convergeTimeoutMs; !(await all()) && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 2000));
    return { rows, kills: { ...world.workers.kills }, poison: poison.sort(), deadLetters: await deadLetters(world.sqs, world.queue.dlqUrl) };
  } finally {
    await world.close();
  }
}

async function converge(look: () => Promise<Observed>, onlyPoison: () => Promise<boolean>, timeoutMs: number): Promise<{ converged: boolean; last: Observed }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await look().catch((error: unknown) => ({ behind: [{ app: "*", problem: String(error) }], duplicated: [], dlq: -1 }));
    if (!(await onlyPoison())) last.behind.push({ app: "*", problem: "the dead-letter queue holds a job that is not poison" });
    if (last.behind.length === 0) return { converged: true, last };
    if (Date.now() > deadline) return { converged: false, last };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The table: fault, events, lost, duplicated, time to converge. */
export function formatTable(rows: readonly Row[]): string {
  const head = ["fault", "events", "lost", "duplicated", "converged in"];
  const body = rows.map((r) => [r.fault, String(r.events), String(r.lost), String(r.duplicated), r.convergeMs === undefined ? "never" : `${(r.convergeMs / 1000).toFixed(1)} s`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
