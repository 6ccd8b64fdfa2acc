// What the fault suite checks after each fault, read from the outside: the tag each app has in git
// and in the cluster, the record each app's sync left, the deliveries behind every commit, and the
// dead-letter queue.
import { join } from "node:path";
import { GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { AppsV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import * as z from "zod";
import { git } from "../harness/git-server.ts";
import { NAMESPACE, type ChaosApp } from "./chaos-config.ts";

export interface Observed {
  /** Apps not (yet) at their newest pushed tag in git, in the cluster and in their record, with what differs. */
  behind: { app: string; problem: string }[];
  /** Deliveries that made more than one commit, and tags written by more than one commit. */
  duplicated: string[];
  dlq: number;
}

const recordSchema = z.object({ revision: z.string(), sync: z.object({ status: z.string() }), operation: z.unknown().optional() });

/** Bump lines (`… sluice: <app> <image> <from> -> <to>`) and Sluice-Delivery trailers of every commit on main. */
export async function commitFacts(root: string, repos: readonly string[]): Promise<{ deliveries: Map<string, number>; writes: Map<string, number> }> {
  const deliveries = new Map<string, number>();
  const writes = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const repo of repos) {
    const log = await git(["--git-dir", join(root, repo), "log", "--format=%B%x1e", "main"]);
    for (const message of log.split("\x1e")) {
      for (const id of message.matchAll(/^Sluice-Delivery: (\S+)$/gm)) add(deliveries, id[1] ?? "");
      for (const bump of message.matchAll(/sluice: (\S+) \S+ \S+ -> (\S+)$/gm)) add(writes, `${bump[1] ?? ""} ${bump[2] ?? ""}`);
    }
  }
  return { deliveries, writes };
}

export async function observe(o: { apps: readonly ChaosApp[]; newest: ReadonlyMap<string, string>; gitRoot: string; registryHost: string; kc: KubeConfig; sqs: SQSClient; dlqUrl: string }): Promise<Observed> {
  const behind: Observed["behind"] = [];
  const deployments = await o.kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: NAMESPACE }).catch(() => ({ items: [] }));
  const records = await o.kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: "sluice-system" }).catch(() => ({ items: [] }));
  for (const app of o.apps) {
    const want = o.newest.get(app.name) ?? "1.0.0";
    const values = await git(["--git-dir", join(o.gitRoot, app.repo), "show", `main:${app.valuesPath}`]);
    const inGit = /tag: (\S+)/.exec(values)?.[1];
    const live = deployments.items.find((d) => d.metadata?.name === app.name)?.spec?.template.spec?.containers[0]?.image;
    const text = records.items.find((c) => c.metadata?.name === `sluice-app-${app.name}`)?.data?.["record.json"];
    const record = text === undefined ? undefined : recordSchema.parse(JSON.parse(text));
    if (inGit !== want) behind.push({ app: app.name, problem: `git has ${inGit ?? "no tag"}, newest pushed ${want}` });
    else if (want !== "1.0.0" && live !== `${o.registryHost}/${app.image}:${want}`) behind.push({ app: app.name, problem: `cluster runs ${live ?? "nothing"}, git has ${want}` });
    else if (record && (record.operation !== undefined || record.sync.status !== "Synced")) behind.push({ app: app.name, problem: `record says ${record.sync.status}${record.operation ? " with an operation left" : ""}` });
  }
  const facts = await commitFacts(o.gitRoot, [...new Set(o.apps.map((a) => a.repo))]);
  const duplicated = [
    ...[...facts.deliveries].filter(([, n]) => n > 1).map(([id, n]) => `delivery ${id} made ${n} commits`),
    ...[...facts.writes].filter(([, n]) => n > 1).map(([bump, n]) => `${bump} written by ${n} commits`),
  ];
  const attrs = await o.sqs.send(new GetQueueAttributesCommand({ QueueUrl: o.dlqUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  const dlq = Number(attrs.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(attrs.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0);
  return { behind, duplicated, dlq };
}

/** The bodies in the dead-letter queue (each group's first; poison messages have a group each), left in it. */
export async function deadLetters(sqs: SQSClient, dlqUrl: string): Promise<string[]> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
  return (out.Messages ?? []).map((m) => m.Body ?? "").sort();
}
