import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";

describe("SecretResolver", () => {
  it("reads env, file, SSM and Secrets Manager references, trimming whitespace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-secret-"));
    await writeFile(join(dir, "token"), "from-file\n");
    const resolver = new SecretResolver({
      env: { TOKEN: "from-env" },
      ssm: async (name) => `ssm:${name}`,
      secretsManager: async (id) => `sm:${id}`,
    });

    expect(await resolver.resolveAll([{ env: "TOKEN" }, { file: join(dir, "token") }, { ssm: "/sluice/x" }, { secretsManager: "sluice/y" }]))
      .toEqual(["from-env", "from-file", "ssm:/sluice/x", "sm:sluice/y"]);
  });

  it("fetches each reference once per process", async () => {
    let calls = 0;
    const resolver = new SecretResolver({ env: {}, ssm: async () => `v${++calls}` });

    await resolver.resolve({ ssm: "/a" });
    await resolver.resolve({ ssm: "/a" });

    expect(calls).toBe(1);
  });

  it("fails naming the reference, never a value, and retries after a failure", async () => {
    let fail = true;
    const resolver = new SecretResolver({ env: { EMPTY: "  " }, ssm: async () => { if (fail) throw new Error("throttled"); return "ok"; } });

    await expect(resolver.resolve({ env: "MISSING" })).rejects.toThrow("secret env:MISSING: the environment variable is not set");
    await expect(resolver.resolve({ env: "EMPTY" })).rejects.toThrow("secret env:EMPTY: is empty");
    await expect(resolver.resolve({ secretsManager: "x" })).rejects.toThrow("no client for that secret store");
    await expect(resolver.resolve({ ssm: "/p" })).rejects.toThrow("secret ssm:/p: the secret store refused: throttled");
    fail = false;
    expect(await resolver.resolve({ ssm: "/p" })).toBe("ok");
  });
});
