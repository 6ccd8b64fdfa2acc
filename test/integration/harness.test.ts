// The harness's real components behave as the other integration tests assume.
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import {
  CoreV1Api,
  Health,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type V1Namespace,
} from "@kubernetes/client-node";
import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { MANIFEST_ACCEPT, MEDIA_TYPES, pushImage } from "../harness/push-image.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";

const execFileAsync = promisify(execFile);

describe("Kubernetes API server from globalSetup", () => {
  const kc = new KubeConfig();

  beforeAll(() => {
    kc.loadFromFile(inject("kubeconfig"));
  });

  it("is ready on 127.0.0.1", async () => {
    expect(kc.getCurrentCluster()?.server).toBe(inject("kubeApiServer"));
    expect(inject("kubeApiServer")).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await new Health(kc).readyz({})).toBe(true);
  });

  it("creates a namespace with server-side apply, owned by the field manager", async () => {
    // Prepare
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const namespace: V1Namespace = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "harness-ssa", labels: { "app.kubernetes.io/managed-by": "sluice" } },
    };

    // Act
    await objects.patch(namespace, undefined, undefined, "sluice-harness-test", true, PatchStrategy.ServerSideApply);

    // Assess
    const read = await kc.makeApiClient(CoreV1Api).readNamespace({ name: "harness-ssa" });
    expect(read.metadata?.labels?.["app.kubernetes.io/managed-by"]).toBe("sluice");
    expect(read.metadata?.managedFields?.map((f) => f.manager)).toContain("sluice-harness-test");
  });

  it("runs the controller manager: the default ServiceAccount exists", async () => {
    const sa = await kc.makeApiClient(CoreV1Api).readNamespacedServiceAccount({ name: "default", namespace: "default" });
    expect(sa.metadata?.name).toBe("default");
  });

  it("answers the layer's kubectl with the provided kubeconfig", async () => {
    const { kubectl } = await ensureKubeTools();
    const { stdout } = await execFileAsync(kubectl, ["--kubeconfig", inject("kubeconfig"), "get", "namespace", "default", "-o", "name"]);
    expect(stdout.trim()).toBe("namespace/default");
  });
});

describe("registry from startRegistry", () => {
  const events: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];
  let listener: Server;
  let registry: Registry;

  beforeAll(async () => {
    listener = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        events.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", () => resolve()));
    const { port } = listener.address() as AddressInfo;
    registry = await startRegistry({
      notifyUrl: `http://127.0.0.1:${port}/registry-events`,
      authorization: "Bearer harness-secret",
    });
  });

  afterAll(async () => {
    await registry.stop();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  it("listens on 127.0.0.1", () => {
    expect(registry.url).toBe(`http://${registry.host}`);
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it("lists a pushed tag and notifies the push with the static Authorization header", async () => {
    // Act
    const { digest } = await pushImage(registry.url, "team/app", "v1.2.3");

    // Assess
    const tags = (await (await fetch(`${registry.url}/v2/team/app/tags/list`)).json()) as unknown;
    expect(tags).toEqual({ name: "team/app", tags: ["v1.2.3"] });
    const push = await waitFor(() => events.find((e) => pushEvent(e.body)?.target.tag === "v1.2.3"));
    expect(push.headers.authorization).toBe("Bearer harness-secret");
    expect(push.headers["content-type"]).toBe("application/vnd.docker.distribution.events.v1+json");
    expect(pushEvent(push.body)?.target).toMatchObject({ repository: "team/app", digest });
    // Blob uploads (application/octet-stream) are filtered out by default.
    expect(events.flatMap((e) => eventsOf(e.body)).some((e) => e.target.mediaType === "application/octet-stream")).toBe(false);
  });

  it("serves OCI and Docker manifests under the digest pushImage returns; seeds change digests", async () => {
    // Act
    const docker = await pushImage(registry.url, "team/api", "a");
    const oci = await pushImage(registry.url, "team/api", "b", { oci: true, seed: "same" });
    const ociAgain = await pushImage(registry.url, "team/api", "c", { oci: true, seed: "same" });
    const other = await pushImage(registry.url, "team/api", "d", { oci: true, seed: "other" });

    // Assess
    expect(oci.digest).toBe(ociAgain.digest);
    expect(other.digest).not.toBe(oci.digest);
    for (const [tag, pushed] of [["a", docker], ["b", oci]] as const) {
      const res = await fetch(`${registry.url}/v2/team/api/manifests/${tag}`, { headers: { accept: MANIFEST_ACCEPT } });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      expect(res.headers.get("docker-content-digest")).toBe(pushed.digest);
      expect(res.headers.get("content-type")).toBe(pushed.mediaType);
    }
    expect(oci.mediaType).toBe(MEDIA_TYPES.oci.manifest);
  });

  it("stops sending notifications when they are switched off, keeping its port and images", async () => {
    // Prepare
    await registry.setNotifications(false);

    // Act
    await pushImage(registry.url, "team/quiet", "v1");
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // Assess
    expect(events.some((e) => pushEvent(e.body)?.target.repository === "team/quiet")).toBe(false);
    const tags = (await (await fetch(`${registry.url}/v2/team/app/tags/list`)).json()) as unknown;
    expect(tags).toEqual({ name: "team/app", tags: ["v1.2.3"] });
    await registry.setNotifications(true);
  });
});

describe("SQS from startQueues", () => {
  let queues: Queues;

  beforeAll(async () => {
    queues = await startQueues();
  });

  afterAll(async () => {
    await queues.stop();
  });

  it("listens on 127.0.0.1 and names the FIFO queue and its DLQ", async () => {
    expect(queues.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(queues.queueUrl).toMatch(/\/sluice-jobs\.fifo$/);
    expect(queues.dlqUrl).toMatch(/\/sluice-jobs-dlq\.fifo$/);
  });

  it("delivers a message sent twice with the same deduplication id once", async () => {
    // Act
    for (let i = 0; i < 2; i++) {
      await queues.client.send(
        new SendMessageCommand({
          QueueUrl: queues.queueUrl,
          MessageBody: JSON.stringify({ image: "team/app", tag: "v1.2.3" }),
          MessageGroupId: "team/app",
          MessageDeduplicationId: "delivery-1",
        }),
      );
    }

    // Assess
    const received = await queues.client.send(
      new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(received.Messages?.map((m) => m.Body)).toEqual([JSON.stringify({ image: "team/app", tag: "v1.2.3" })]);
  });

  it("moves a message to the DLQ after 5 receives", async () => {
    // Prepare
    await queues.client.send(
      new SendMessageCommand({
        QueueUrl: queues.queueUrl,
        MessageBody: "poison",
        MessageGroupId: "poison",
        MessageDeduplicationId: "poison-1",
      }),
    );

    // Act: receive and let the visibility timeout lapse at once, five times.
    for (let i = 0; i < 5; i++) {
      const got = await queues.client.send(
        new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 1 }),
      );
      expect(got.Messages?.[0]?.Body).toBe("poison");
    }
    const sixth = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, VisibilityTimeout: 0 }));

    // Assess
    expect(sixth.Messages ?? []).toEqual([]);
    const dead = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.dlqUrl, WaitTimeSeconds: 1 }));
    expect(dead.Messages?.map((m) => m.Body)).toEqual(["poison"]);
  });
});

interface RegistryEvent {
  action: string;
  target: { repository?: string; tag?: string; digest?: string; mediaType?: string };
}

function eventsOf(body: unknown): RegistryEvent[] {
  if (typeof body !== "object" || body === null || !("events" in body) || !Array.isArray(body.events)) return [];
  return body.events as RegistryEvent[];
}

function pushEvent(body: unknown): RegistryEvent | undefined {
  return eventsOf(body).find((e) => e.action === "push" && e.target.tag !== undefined);
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
