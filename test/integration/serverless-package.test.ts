// What ships is what is tested: `serverless package` runs offline, the generated
// CloudFormation is read, and the packaged zips are loaded and invoked with API Gateway,
// SQS and EventBridge shaped events against the real local services.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { DeleteMessageCommand, PurgeQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { AppsV1Api, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { jsonnetWasm } from "../../src/runtime/wiring/jsonnet-wasm.ts";
import { CONTENT_SECURITY_POLICY } from "../../src/runtime/dashboard/dashboard-assets.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { createBareRepo, git, gitLog, revParse } from "../harness/git-server.ts";
import { PACKAGE_ROOT, packageService, type CloudFormationTemplate, type Packaged } from "../harness/serverless-package.ts";
import { pushImage } from "../harness/push-image.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { waitFor } from "../harness/wait-for.ts";

const FUNCTIONS = ["webhook", "ecrEvents", "worker", "sweep", "dashboard"] as const;
const ENTRY: Record<(typeof FUNCTIONS)[number], string> = { webhook: "webhook", ecrEvents: "ecr-events", worker: "worker", sweep: "sweep", dashboard: "dashboard" };
// A Cognito user pool's issuer and app client: what a stack names in its dashboard parameters.
const ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_SluiceTest";
const DASHBOARD = { dashboardIssuer: ISSUER, dashboardAudience: "4d6vrbl6ljm2cn4b7k3kexample", dashboardSubjects: "ada-*" };
type Handler = (event: unknown, context?: unknown) => Promise<unknown>;

const resources = (t: CloudFormationTemplate, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const props = (t: CloudFormationTemplate, id: string): Record<string, unknown> => t.Resources[id]?.Properties ?? {};

const VALUES = "# test values\nimage:\n  repository: registry.test.local/team/app\n  tag: 1.0.0  # bumped by Sluice\n";
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: shipped }
spec:
  selector: { matchLabels: { app: shipped } }
  template:
    metadata: { labels: { app: shipped } }
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`;

describe("the packaged service", () => {
  let packaged: Packaged;
  let queues: Queues;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let bare: string;
  const handlers: Partial<Record<(typeof FUNCTIONS)[number], Handler>> = {};

  beforeAll(async () => {
    // Prepare: the real services and a config that names them, packaged with the functions.
    await mkdir(PACKAGE_ROOT, { recursive: true });
    queues = await startQueues();
    registry = await startRegistry();
    const gitRoot = join(PACKAGE_ROOT, "git");
    await rm(gitRoot, { recursive: true, force: true });
    await createBareRepo(gitRoot, "charts.git", {
      "chart/Chart.yaml": "apiVersion: v2\nname: shipped\nversion: 0.1.0\n",
      "chart/values.yaml": VALUES,
      "chart/templates/deployment.yaml": DEPLOYMENT,
    });
    bare = join(gitRoot, "charts.git");
    gitServer = await startGitHttpServer({ root: gitRoot });
    await writeFile(join(PACKAGE_ROOT, "sluice.yaml"), `
webhooks:
  distribution:
    secrets: [{ env: SHIPPED_REGISTRY_TOKEN }]
    registryHost: registry.test.local
  ecr:
    accounts: ["123456789012"]
registries:
  - { host: registry.test.local, url: "${registry.url}" }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: shipped
    source: { repo: ${gitServer.url}/charts.git, path: chart }
    render: { helm: {} }
    destination: { cluster: test, namespace: shipped }
    images:
      - repository: registry.test.local/team/app
        policy: { semver: ">=1.0.0" }
        write: { file: chart/values.yaml, tag: image.tag }
    # kwok's nodes run the Pods: the sync follows the rollout until the app is Healthy.
    syncPolicy: { automated: true, createNamespace: true }
  - name: from-ecr
    source: { repo: ${gitServer.url}/charts.git, path: chart }
    render: { helm: {} }
    destination: { cluster: test, namespace: from-ecr }
    images:
      - repository: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api
        policy: { semver: ">=1.0.0" }
        write: { file: chart/values.yaml, tag: image.tag }
    syncPolicy: { automated: false }
`);
    const t0 = Date.now();
    packaged = await packageService(".serverless-test/sluice.yaml", FUNCTIONS, DASHBOARD);
    console.info(`serverless package and unzip: ${Date.now() - t0} ms`);

    const tools = await ensureKubeTools();
    Object.assign(process.env, {
      SLUICE_CONFIG: join(packaged.unpacked("webhook"), ".serverless-test", "sluice.yaml"),
      SLUICE_QUEUE_URL: queues.queueUrl,
      SLUICE_SQS_ENDPOINT: queues.endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      SLUICE_HELM: tools.helm,
      SLUICE_KUBECTL: tools.kubectl,
      SLUICE_WORK_DIR: join(PACKAGE_ROOT, "work"),
      SHIPPED_REGISTRY_TOKEN: "shipped-token",
      POWERTOOLS_LOG_LEVEL: "ERROR",
    });
    // The dashboard's own settings, as the template gives them to its function.
    const dashboardEnv = (props(packaged.template, "DashboardLambdaFunction")["Environment"] as { Variables: Record<string, unknown> }).Variables;
    for (const [name, value] of Object.entries(dashboardEnv)) if (name.startsWith("SLUICE_DASHBOARD_") && typeof value === "string") process.env[name] = value;
    for (const fn of FUNCTIONS) {
      const module = await import(pathToFileURL(join(packaged.unpacked(fn), "handlers", `${ENTRY[fn]}.mjs`)).href) as { handler: Handler };
      handlers[fn] = module.handler;
    }
  }, 300_000);

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    await queues?.stop();
  });

  describe("its CloudFormation", () => {
    it("has the functions on the Node major these tests run on, the worker with the kubectl layer", () => {
      const functions = resources(packaged.template, "AWS::Lambda::Function").map(([, r]) => r.Properties ?? {});
      expect(functions.map((f) => f["Handler"]).sort()).toEqual(["handlers/dashboard.handler", "handlers/ecr-events.handler", "handlers/sweep.handler", "handlers/webhook.handler", "handlers/worker.handler"]);
      expect(new Set(functions.map((f) => f["Runtime"]))).toEqual(new Set([`nodejs${process.versions.node.split(".")[0]}.x`]));
      const worker = functions.find((f) => f["Handler"] === "handlers/worker.handler");
      const [layerId] = resources(packaged.template, "AWS::Lambda::LayerVersion")[0] ?? [];
      expect(worker?.["Layers"]).toEqual([{ Ref: layerId }]);
    });

    it("uploads its own copy of the kubectl layer: packaging looked up no deployed stack", () => {
      const [, layer] = resources(packaged.template, "AWS::Lambda::LayerVersion")[0] ?? [];
      const worker = resources(packaged.template, "AWS::Lambda::Function").find(([id]) => id === "WorkerLambdaFunction")?.[1];
      const key = (layer?.Properties?.["Content"] as { S3Key?: string } | undefined)?.S3Key ?? "";
      const workerKey = (worker?.Properties?.["Code"] as { S3Key?: string } | undefined)?.S3Key ?? "";
      expect(key).toBe(`${dirname(workerKey)}/layer.zip`);
    });

    it("feeds the worker from the FIFO queue with partial batch failures", () => {
      const [, mapping] = resources(packaged.template, "AWS::Lambda::EventSourceMapping")[0] ?? [];
      expect(mapping?.Properties).toMatchObject({
        EventSourceArn: { "Fn::GetAtt": ["JobQueue", "Arn"] },
        BatchSize: 10,
        ScalingConfig: { MaximumConcurrency: 5 },
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      });
    });

    it("runs the sweep at rate(3 minutes), and sends successful ECR pushes to the ECR function", () => {
      const rules = resources(packaged.template, "AWS::Events::Rule").map(([, r]) => r.Properties ?? {});
      expect(rules.map((r) => r["ScheduleExpression"])).toContain("rate(3 minutes)");
      expect(rules.map((r) => r["EventPattern"])).toContainEqual({ source: ["aws.ecr"], "detail-type": ["ECR Image Action"], detail: { "action-type": ["PUSH"], result: ["SUCCESS"] } });
    });

    it("has a FIFO job queue redriving to a FIFO dead-letter queue, with an alarm on its depth", () => {
      expect(props(packaged.template, "JobQueue")).toMatchObject({ FifoQueue: true, RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] }, maxReceiveCount: 5 } });
      expect(props(packaged.template, "DeadLetterQueue")).toMatchObject({ FifoQueue: true });
      expect(props(packaged.template, "DeadLetterAlarm")).toMatchObject({ MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": ["DeadLetterQueue", "QueueName"] } }], Threshold: 1 });
    });

    it("keeps logs 30 days", () => {
      const groups = resources(packaged.template, "AWS::Logs::LogGroup").map(([, r]) => r.Properties?.["RetentionInDays"]);
      expect(groups).toEqual([30, 30, 30, 30, 30]);
    });

    it("grants no wildcard action and no '*' resource, one role per function", () => {
      const statements = resources(packaged.template, "AWS::IAM::Role").flatMap(([, role]) =>
        ((role.Properties?.["Policies"] ?? []) as { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } }[])
          .flatMap((p) => p.PolicyDocument.Statement));
      const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      expect(resources(packaged.template, "AWS::IAM::Role").map(([id]) => id).sort()).toEqual(["DashboardRole", "SweepRole", "WebhookRole", "WorkerRole"]);
      expect(statements.length).toBeGreaterThan(10);
      expect(actions.filter((a) => a.includes("*"))).toEqual([]);
      expect(statements.filter((s) => JSON.stringify(s.Resource) === '"*"' || (Array.isArray(s.Resource) && s.Resource.includes("*")))).toEqual([]);
    });
  });

  describe("its notification topics", () => {
    it("let the worker alone publish, and only to the stage's sluice-* topics", () => {
      const publishers = resources(packaged.template, "AWS::IAM::Role").flatMap(([id, role]) =>
        ((role.Properties?.["Policies"] ?? []) as { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } }[])
          .flatMap((p) => p.PolicyDocument.Statement)
          .filter((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]).includes("sns:Publish"))
          .map((st) => ({ id, resource: JSON.stringify(st.Resource) })));
      expect(publishers).toHaveLength(1);
      expect(publishers[0]?.id).toBe("WorkerRole");
      expect(publishers[0]?.resource).toContain(":sns:${AWS::Region}:${AWS::AccountId}:sluice-*");
    });
  });

  describe("its bundles", () => {
    it("ship the webhook without the Kubernetes client", async () => {
      // Class names do not survive minification; the client's request literals do.
      const kubernetesClient = (bundle: string) => ["application/apply-patch+yaml"].filter((literal) => bundle.includes(literal));
      const webhook = await readFile(join(packaged.unpacked("webhook"), "handlers", "webhook.mjs"), "utf8");
      const worker = await readFile(join(packaged.unpacked("worker"), "handlers", "worker.mjs"), "utf8");
      expect(kubernetesClient(webhook)).toEqual([]);
      expect(kubernetesClient(worker)).toEqual(["application/apply-patch+yaml"]);
    });

    it("carry go-jsonnet's wasm where the worker and the dashboard look for it, the build's own bytes, and only there", async () => {
      const digest = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");
      const built = await digest(jsonnetWasm());
      // handlers/lib/lambda-tools.ts: $LAMBDA_TASK_ROOT (the zip's root) /dist/jsonnet/jsonnet.wasm
      const carried = (fn: string) => join(packaged.unpacked(fn), "dist", "jsonnet", "jsonnet.wasm");
      expect(await digest(carried("worker"))).toBe(built);
      expect(await digest(carried("dashboard"))).toBe(built);
      for (const fn of ["webhook", "ecrEvents", "sweep"]) await expect(readFile(carried(fn))).rejects.toThrow(/ENOENT/);
    });

    it("take a registry push through API Gateway, SQS and the worker to a commit and an applied Deployment", async () => {
      // Prepare
      const push = JSON.parse(await readFile(new URL("../fixtures/webhooks/distribution/push-v1.json", import.meta.url), "utf8")) as { events: { id: string; target: { tag: string } }[] };
      const event = push.events[0];
      if (!event) throw new Error("fixture has no event");
      event.id = randomUUID();
      event.target.tag = "1.2.0";
      const body = JSON.stringify(push);
      const before = await gitLog(bare);
      await pushImage(registry.url, "team/app", "1.2.0");

      // Act: API Gateway HTTP API (payload 2.0) -> webhook
      const written: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (written.push(String(chunk)), write(chunk, ...rest))) as typeof process.stdout.write;
      const response = await handlers.webhook?.(httpApiEvent("POST", "/hooks/registry/distribution", { authorization: "Bearer shipped-token", "content-type": "application/vnd.docker.distribution.events.v1+json" }, body)) as { statusCode: number; body: string };
      // SQS -> worker, as the event source mapping delivers it
      const received = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, AttributeNames: ["All"], WaitTimeSeconds: 1 }));
      const result = await handlers.worker?.(sqsEvent(queues.queueArn, (received.Messages ?? []).map((m) => ({ id: m.MessageId ?? "", body: m.Body ?? "", group: m.Attributes?.["MessageGroupId"] ?? "" }))), lambdaContext("worker"));
      process.stdout.write = write;
      // The event source mapping deletes what the function did not report as failed.
      for (const m of received.Messages ?? []) await queues.client.send(new DeleteMessageCommand({ QueueUrl: queues.queueUrl, ReceiptHandle: m.ReceiptHandle }));

      // Assess
      expect(response.statusCode).toBe(202);
      expect(JSON.parse(response.body)).toMatchObject({ status: "queued", jobs: [{ app: "shipped", tag: "1.2.0" }] });
      expect(received.Messages).toHaveLength(1);
      expect(result).toEqual({ batchItemFailures: [] });
      // CloudWatch metrics in embedded metric format, from each function.
      const emf = written.filter((line) => line.includes('"CloudWatchMetrics"')).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(emf).toEqual(expect.arrayContaining([
        expect.objectContaining({ function: "webhook", DeliveriesQueued: 1, JobsQueued: 1 }),
        expect.objectContaining({ function: "worker", ImagesBumped: 1 }),
      ]));
      const after = await gitLog(bare);
      expect(after).toHaveLength(before.length + 1);
      expect(after[0]?.subject).toBe("[skip ci] sluice: shipped registry.test.local/team/app 1.0.0 -> 1.2.0");
      const kc = new KubeConfig();
      kc.loadFromFile(inject("kubeconfig"));
      const deployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "shipped", namespace: "shipped" });
      expect(deployment.spec?.template.spec?.containers[0]?.image).toBe("registry.test.local/team/app:1.2.0");
    });

    it("take an ECR push from EventBridge to a queued job", async () => {
      // Prepare: the event as EventBridge delivers it (AWS's documented example shape).
      const event = {
        version: "0", id: randomUUID(), "detail-type": "ECR Image Action", source: "aws.ecr", account: "123456789012",
        time: new Date().toISOString(), region: "eu-west-1", resources: [],
        detail: { result: "SUCCESS", "repository-name": "team/api", "image-digest": `sha256:${"a".repeat(64)}`, "action-type": "PUSH", "image-tag": "1.4.0" },
      };

      // Act
      const outcome = await handlers.ecrEvents?.(event) as { status: string };
      const received = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of received.Messages ?? []) await queues.client.send(new DeleteMessageCommand({ QueueUrl: queues.queueUrl, ReceiptHandle: m.ReceiptHandle }));

      // Assess
      expect(outcome.status).toBe("queued");
      expect((received.Messages ?? []).map((m) => JSON.parse(m.Body ?? "{}"))).toEqual([expect.objectContaining({ kind: "image-update", app: "from-ecr", repository: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api", tag: "1.4.0" })]);
    });

    it("report a poison message and the rest of its FIFO group as failures, and still run other groups", async () => {
      // Prepare: a malformed job, then a valid one in the same group, and one in another group.
      const good = JSON.stringify({ kind: "sync", app: "shipped", deliveryId: "d-1", trigger: "manual" });
      const records = [
        { id: "m-poison", body: "{ not json", group: "shipped" },
        { id: "m-same-group", body: good, group: "shipped" },
        { id: "m-unknown-app", body: JSON.stringify({ kind: "sync", app: "nope", deliveryId: "d-2", trigger: "manual" }), group: "nope" },
      ];

      // Act
      const result = await handlers.worker?.(sqsEvent(queues.queueArn, records), lambdaContext("worker")) as { batchItemFailures: { itemIdentifier: string }[] };

      // Assess: the poison one fails, its group's later message is held back, the other group is done
      // (an unknown app is a permanent failure: reported in the log, not retried).
      expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(["m-poison", "m-same-group"]);
    });

    it("run the sweep on an EventBridge schedule: nothing to do, then a commit pushed without a webhook", async () => {
      // Act 1: the cluster is at the branch head
      const idle = await handlers.sweep?.(scheduledEvent()) as { queued: string[]; unknown: unknown[] };
      // Prepare 2: a commit lands with no webhook
      const work = join(PACKAGE_ROOT, "clone");
      await rm(work, { recursive: true, force: true });
      await git(["clone", "-q", bare, work]);
      await writeFile(join(work, "chart", "templates", "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shipped-extra }\ndata: { a: b }\n");
      await git(["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qam", "add a configmap"], work).catch(async () => {
        await git(["add", "-A"], work);
        await git(["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "add a configmap"], work);
      });
      await git(["push", "-q", "origin", "HEAD:main"], work);
      // Act 2
      const missed = await handlers.sweep?.(scheduledEvent()) as { queued: string[] };
      const job = await waitFor("the sync job for shipped", async () => {
        const out = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        return (out.Messages ?? []).map((m) => JSON.parse(m.Body ?? "{}") as { app?: string }).find((j) => j.app === "shipped");
      });

      // Assess: "shipped" is at the head until the commit; "from-ecr" has never synced, so it is queued both times.
      expect(idle).toMatchObject({ unknown: [] });
      expect(idle.queued).not.toContain("shipped");
      expect(missed.queued).toContain("shipped");
      expect(job).toMatchObject({ kind: "sync", app: "shipped", revision: await revParse(bare), trigger: "sweep" });
    });
  });

  describe("its dashboard", () => {
    const statementsOf = (role: string) => ((props(packaged.template, role)["Policies"] ?? []) as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[])
      .flatMap((p) => p.PolicyDocument.Statement);

    it("routes the page, its assets and the API to the dashboard function, every route behind a JWT authorizer of the stack's issuer and audience", () => {
      const routes = resources(packaged.template, "AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties ?? {}).filter((r) => String(r["RouteKey"]).includes("/dashboard"));
      const authorizers = new Map(resources(packaged.template, "AWS::ApiGatewayV2::Authorizer").map(([id, r]) => [id, r.Properties ?? {}]));
      const authorizerOf = (route: Record<string, unknown>) => authorizers.get((route["AuthorizerId"] as { Ref?: string } | undefined)?.Ref ?? "");

      expect(routes.map((r) => r["RouteKey"]).sort()).toEqual(["GET /dashboard/api/{proxy+}", "GET /dashboard/index.html", "POST /dashboard/api/{proxy+}"]);
      for (const route of routes) {
        expect(route["AuthorizationType"]).toBe("JWT");
        expect(route["Target"]).toEqual({ "Fn::Join": ["/", ["integrations", { Ref: "HttpApiIntegrationDashboard" }]] });
        expect(authorizerOf(route)).toMatchObject({ AuthorizerType: "JWT", JwtConfiguration: { Issuer: ISSUER, Audience: [DASHBOARD.dashboardAudience] } });
      }
      const source = (key: string) => authorizerOf(routes.find((r) => r["RouteKey"] === key) ?? {})?.["IdentitySource"];
      expect(source("POST /dashboard/api/{proxy+}")).toEqual(["$request.header.Authorization"]);
      expect(source("GET /dashboard/api/{proxy+}")).toEqual(["$request.header.Authorization"]);
      expect(source("GET /dashboard/index.html")).toEqual(["$request.querystring.access_token"]);
      expect(props(packaged.template, "DashboardLambdaFunction")).toMatchObject({
        Role: { "Fn::GetAtt": ["DashboardRole", "Arn"] },
        Environment: { Variables: { SLUICE_DASHBOARD_AUTH: "jwt", SLUICE_DASHBOARD_ISSUER: ISSUER, SLUICE_DASHBOARD_SUBJECTS: "ada-*" } },
      });
    });

    it("lets the dashboard only queue jobs, describe clusters and read the stage's secrets", () => {
      const statements = statementsOf("DashboardRole");
      const sqs = statements.filter((st) => st.Action.some((a) => a.startsWith("sqs:")));

      expect(statements.flatMap((st) => st.Action).sort()).toEqual([
        "eks:DescribeCluster", "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue", "sqs:SendMessage", "ssm:GetParameter",
      ]);
      expect(sqs).toEqual([{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: { "Fn::GetAtt": ["JobQueue", "Arn"] } }]);
      expect(JSON.stringify(statements)).toContain("log-group:/aws/lambda/sluice-test-dashboard:*");
    });

    it("answers API Gateway's list, detail and page with the applied commit, and queues a sync for a token's allowed subject", async () => {
      // Prepare: the sweep's test left a commit not yet applied; the queue is emptied of what earlier tests left in flight.
      await queues.client.send(new PurgeQueueCommand({ QueueUrl: queues.queueUrl }));
      const log = await gitLog(bare);
      const applied = log.find((c) => c.subject.startsWith("[skip ci] sluice: shipped"));
      const call = (method: string, path: string, options: { query?: string; body?: string; sub?: string } = {}) =>
        handlers.dashboard?.(dashboardEvent(method, path, options)) as Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

      // Act
      const list = await call("GET", "/dashboard/api/apps", { query: "q=shipped" });
      const detail = await call("GET", "/dashboard/api/apps/shipped");
      const page = await call("GET", "/dashboard/index.html", { query: `access_token=${FAKE_JWT}` });
      const stranger = await call("POST", "/dashboard/api/apps/shipped/sync", { body: "{}", sub: "mallory" });
      const sync = await call("POST", "/dashboard/api/apps/shipped/sync", { body: "{}" });
      const received = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of received.Messages ?? []) await queues.client.send(new DeleteMessageCommand({ QueueUrl: queues.queueUrl, ReceiptHandle: m.ReceiptHandle }));

      // Assess: the row names the commit the cluster runs, not the newer head that touched the app's path.
      expect(log[0]?.subject).toBe("add a configmap");
      const row = (JSON.parse(list.body) as { items: { name: string; revision: string; commit?: { subject: string; author: string } }[] }).items[0];
      expect(list.statusCode).toBe(200);
      expect(row).toMatchObject({ name: "shipped", revision: applied?.sha, commit: { subject: applied?.subject } });
      expect(JSON.parse(detail.body)).toMatchObject({ name: "shipped", revision: applied?.sha, resources: expect.arrayContaining([expect.objectContaining({ kind: "Deployment", name: "shipped", health: "Healthy" })]) });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<script type="module">');
      expect(page.body).not.toContain(FAKE_JWT);
      expect(page.headers["content-security-policy"]).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+={0,2}'; style-src 'sha256-/);
      for (const answer of [list, detail, sync]) expect(answer.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      expect(stranger.statusCode).toBe(403);
      expect(sync.statusCode).toBe(202);
      expect((received.Messages ?? []).map((m) => JSON.parse(m.Body ?? "{}"))).toEqual([expect.objectContaining({ kind: "sync", app: "shipped", trigger: "manual", deliveryId: expect.stringMatching(/^dashboard-/) })]);
      expect(list.body + detail.body).not.toContain("shipped-token");
    });
  });
});

function httpApiEvent(method: string, path: string, headers: Record<string, string>, body: string) {
  return {
    version: "2.0",
    routeKey: "ANY /hooks/{proxy+}",
    rawPath: path,
    rawQueryString: "",
    headers,
    requestContext: { accountId: "123456789012", apiId: "api", domainName: "api.example.com", domainPrefix: "api", http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "Go-http-client/1.1" }, requestId: randomUUID(), routeKey: "ANY /hooks/{proxy+}", stage: "$default", time: new Date().toUTCString(), timeEpoch: Date.now() },
    body: Buffer.from(body).toString("base64"),
    isBase64Encoded: true,
  };
}

// A token's shape only: API Gateway's authorizer, not the function, checks its signature.
const FAKE_JWT = "eyJraWQiOiJ0ZXN0IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJhZGEtNDIifQ.c2lnbmF0dXJl";

/**
 * An HTTP API (payload 2.0) request that the JWT authorizer accepted, shaped as AWS documents it
 * ("Working with AWS Lambda proxy integrations for HTTP APIs"), with a Cognito access token's claims.
 */
function dashboardEvent(method: string, path: string, options: { query?: string; body?: string; sub?: string }) {
  const routeKey = path.startsWith("/dashboard/api/") ? `${method} /dashboard/api/{proxy+}` : `${method} ${path}`;
  const domainName = "r4nd0m1d.execute-api.us-east-1.amazonaws.com";
  const query = new URLSearchParams(options.query ?? "");
  return {
    version: "2.0", routeKey, rawPath: path, rawQueryString: options.query ?? "",
    headers: {
      accept: method === "GET" && !path.includes("/api/") ? "text/html" : "application/json", host: domainName, "user-agent": "Mozilla/5.0",
      "x-forwarded-for": "192.0.2.1", "x-forwarded-proto": "https", ...(method === "POST" ? { "content-type": "application/json", origin: `https://${domainName}` } : {}),
    },
    ...(query.size > 0 ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(path.startsWith("/dashboard/api/") ? { pathParameters: { proxy: path.slice("/dashboard/api/".length) } } : {}),
    requestContext: {
      accountId: "123456789012", apiId: "r4nd0m1d", domainName, domainPrefix: "r4nd0m1d",
      authorizer: { jwt: { claims: { sub: options.sub ?? "ada-42", iss: ISSUER, client_id: DASHBOARD.dashboardAudience, token_use: "access", scope: "openid", username: "ada" }, scopes: null } },
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "Mozilla/5.0" },
      requestId: randomUUID(), routeKey, stage: "$default", time: new Date().toUTCString(), timeEpoch: Date.now(),
    },
    ...(options.body === undefined ? {} : { body: options.body, isBase64Encoded: false }),
  };
}

function sqsEvent(queueArn: string, records: { id: string; body: string; group: string }[]) {
  return {
    Records: records.map((r, i) => ({
      messageId: r.id,
      receiptHandle: `rh-${r.id}`,
      body: r.body,
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.now()), SenderId: "test", ApproximateFirstReceiveTimestamp: String(Date.now()), MessageGroupId: r.group, MessageDeduplicationId: r.id, SequenceNumber: String(i + 1) },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: queueArn,
      awsRegion: "us-east-1",
    })),
  };
}

function scheduledEvent() {
  return { version: "0", id: randomUUID(), "detail-type": "Scheduled Event", source: "aws.events", account: "123456789012", time: new Date().toISOString(), region: "us-east-1", resources: ["arn:aws:events:us-east-1:123456789012:rule/sluice-test-sweep"], detail: {} };
}

function lambdaContext(fn: string) {
  return { functionName: `sluice-test-${fn}`, functionVersion: "$LATEST", invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:sluice-test-${fn}`, memoryLimitInMB: "1024", awsRequestId: randomUUID(), logGroupName: `/aws/lambda/sluice-test-${fn}`, logStreamName: "test", callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 300_000, done: () => undefined, fail: () => undefined, succeed: () => undefined };
}
