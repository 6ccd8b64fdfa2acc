import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { healthConfigSchema } from "../../../../src/core/config/health-config.ts";

describe("healthConfigSchema", () => {
  it("takes Flux's healthCheckExprs and argocd-cm's Lua keys as they are", () => {
    const config = healthConfigSchema.parse({
      healthCheckExprs: [{ apiVersion: "example.dev/v1", kind: "Widget", current: "status.ready == true", failed: "false" }],
      lua: { "resource.customizations.health.cert-manager.io_Certificate": "return { status = 'Healthy' }" },
    });
    expect(config.healthCheckExprs[0]?.inProgress).toBeUndefined();
    expect(Object.keys(config.lua)).toEqual(["resource.customizations.health.cert-manager.io_Certificate"]);
  });

  it("lists every problem with its path", () => {
    const result = healthConfigSchema.safeParse({
      healthCheckExprs: [{ apiVersion: "example.dev/v1", kind: "Widget", current: "status.ready ==" }, { kind: "W", current: "true" }],
      lua: { "resource.customizations.actions.x_Y": "return {}", "x_Y": "  " },
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^healthCheckExprs\.0\.current: not a CEL expression: /),
      expect.stringMatching(/^healthCheckExprs\.1\.apiVersion: /),
      "lua.x_Y: an empty script",
      "lua.resource.customizations.actions.x_Y: not resource.customizations.health.<group>_<kind> or <group>_<kind>",
    ]));
    expect(issues).toHaveLength(4);
  });

  it("says why an argocd-cm useOpenLibs key is not taken", () => {
    const result = healthConfigSchema.safeParse({ lua: { "resource.customizations.useOpenLibs.example.com_Queue": "true" } });
    expect(result.error?.issues[0]?.message).toMatch(/^useOpenLibs is not needed: os.time, os.date and os.clock are always there/);
  });
});

describe("health in sluice.yaml", () => {
  const app = (health: unknown) => ({ name: "web", source: { repo: "https://git.example.com/web.git" }, render: { directory: {} },
    destination: { cluster: "test", namespace: "web" }, health });
  const clusters = [{ name: "test", kubeconfig: { path: "/dev/null" } }];

  it("is read globally and per app", () => {
    const config = configSchema.parse({
      clusters,
      health: { lua: { "example.com_Queue": "return { status = 'Healthy' }" } },
      apps: [app({ healthCheckExprs: [{ apiVersion: "example.com/v1", kind: "Queue", current: "true" }] })],
    });
    expect(Object.keys(config.health?.lua ?? {})).toEqual(["example.com_Queue"]);
    expect(config.apps[0]?.health?.healthCheckExprs[0]?.kind).toBe("Queue");
  });

  it("names each problem by its full path", () => {
    const result = configSchema.safeParse({ clusters, health: { luaScripts: {} }, apps: [app({ healthCheckExprs: [{ apiVersion: "v1", kind: "Pod", current: "(" }] })] });
    const paths = result.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["health", "apps.0.health.healthCheckExprs.0.current"]));
  });
});
