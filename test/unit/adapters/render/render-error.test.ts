import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CommandError } from "../../../../src/adapters/render/command-runner.ts";
import { renderApp } from "../../../../src/adapters/render/render-app.ts";
import { commandRetry } from "../../../../src/adapters/render/render-error.ts";
import { configSchema } from "../../../../src/core/config/app-config.ts";

const app = (render: unknown, path = "app") => configSchema.parse({
  apps: [{ name: "web", source: { repo: "https://git.invalid/x.git", path }, render, destination: { directory: "/unused", namespace: "shop" } }],
}).apps[0];

describe("RenderError", () => {
  it("says a revision's own documents and paths are never worth retrying, a renderer's failure later", async () => {
    // Prepare
    const root = await mkdtemp(join(tmpdir(), "sluice-render-retry-"));
    await mkdir(join(root, "app"));
    await writeFile(join(root, "app", "bad.yaml"), "kind: [unclosed\n");
    const run = () => Promise.reject(new CommandError("kubectl kustomize failed: timed out after 1000 ms", ""));
    const tools = { helm: "h", kubectl: "k", run, timeoutMs: 1000 };
    const fail = (render: unknown, path?: string) => {
      const configured = app(render, path);
      if (!configured) throw new Error("no app");
      return renderApp(configured, root, tools).then(() => undefined, (e: unknown) => e);
    };

    // Act
    const errors = [await fail({ directory: {} }), await fail({ directory: {} }, "../elsewhere"), await fail({ kustomize: {} })];

    // Assess
    expect(errors.map((e) => (e as { retry?: unknown }).retry)).toEqual(["never", "never", "later"]);
  });

  it("tells a template error in the revision (never) from a renderer's timeout, network failure or missing tool (later)", () => {
    const exit = (stderr: string, cause: unknown = Object.assign(new Error("Command failed"), { code: 1, killed: false })) =>
      commandRetry(new CommandError(`helm template failed: ${stderr}`, stderr, { cause }));

    expect(exit("Error: parse error at (web/templates/cm.yaml:3): unexpected \"}\" in operand")).toBe("never");
    expect(exit("Error: template: web/templates/job.yaml:7:20: executing \"web/templates/job.yaml\" at <.Values.x.y>: nil pointer")).toBe("never");
    expect(exit("Error: looks like \"https://charts.example\" is not a valid chart repository: dial tcp: lookup charts.example: no such host")).toBe("later");
    expect(exit("", Object.assign(new Error("killed"), { killed: true, signal: "SIGKILL" }))).toBe("later");
    expect(exit("", Object.assign(new Error("spawn helm ENOENT"), { code: "ENOENT" }))).toBe("later");
  });
});

