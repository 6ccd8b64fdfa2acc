// A Helm chart repository as the static file server it is (index.yaml and .tgz packages) on
// 127.0.0.1, optionally behind Basic auth; charts are packaged and indexed with the real helm.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface HelmRepoServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Packages a chart folder into the repository and rebuilds index.yaml. */
  publish(chartDir: string): Promise<void>;
  /** Requests answered, by path, so a test can tell a cache from a download. */
  requests: string[];
  stop(): Promise<void>;
}

export async function startHelmRepoServer(helm: string, auth?: { username: string; password: string }): Promise<HelmRepoServer> {
  const root = await mkdtemp(join(tmpdir(), "sluice-helm-repo-"));
  const requests: string[] = [];
  const expected = auth ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` : undefined;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push(path);
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="charts"' }).end("unauthorized");
      return;
    }
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(`${root}${sep}`)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { "content-type": file.endsWith(".yaml") ? "application/x-yaml" : "application/gzip" }).end(body),
      () => res.writeHead(404).end("not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    async publish(chartDir) {
      await execFileAsync(helm, ["package", chartDir, "--destination", root]);
      await execFileAsync(helm, ["repo", "index", root, "--url", url]);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Writes a chart folder: Chart.yaml, and one ConfigMap template naming the chart and its version. */
export async function writeChart(dir: string, chart: { name: string; version: string; dependencies?: unknown[] }, extraFiles: Record<string, string> = {}): Promise<string> {
  const files: Record<string, string> = {
    "Chart.yaml": JSON.stringify({ apiVersion: "v2", name: chart.name, version: chart.version, ...(chart.dependencies ? { dependencies: chart.dependencies } : {}) }),
    "templates/cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${chart.name}\ndata:\n  chart: "{{ .Chart.Name }}-{{ .Chart.Version }}"\n  greeting: {{ .Values.greeting | default "none" | quote }}\n`,
    ...extraFiles,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** Packages a chart folder and pushes it to an OCI registry path (`oci://host/path`) over plain HTTP. */
export async function pushOciChart(helm: string, chartDir: string, ociPath: string): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), "sluice-oci-chart-"));
  try {
    const { stdout } = await execFileAsync(helm, ["package", chartDir, "--destination", out]);
    const tgz = /saved it to: (.+\.tgz)/.exec(stdout)?.[1]?.trim();
    if (!tgz) throw new Error(`helm package printed no package path: ${stdout}`);
    await execFileAsync(helm, ["push", tgz, ociPath, "--plain-http", "--registry-config", join(out, "registry.json")]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
