import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");
const run = (args: string[]) => promisify(execFile)("node", [BIN, ...args]).then(
  ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
  (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
);

describe("sluice validate", () => {
  it("lists every problem with its path and exits 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-validate-"));
    await writeFile(join(dir, "sluice.yaml"), "webhooks:\n  distribution:\n    secrets: [plain-text]\napps:\n  - name: Bad Name\n    source: { repo: https://x.example/r.git }\n    render: { helm: {} }\n    destination: { cluster: nowhere, namespace: web }\n");

    const result = await run(["validate", join(dir, "sluice.yaml")]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("webhooks.distribution.secrets[0]: a secret must be a reference");
    expect(result.stderr).toContain("apps[0].name: must be a DNS label");
  });

  it("accepts the shipped example and says which endpoints are off", async () => {
    const result = await run(["validate", join(dirname(BIN), "..", "..", "..", "examples", "local", "sluice.yaml")]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("valid (1 app, 0 clusters)");
  });
});
