import { describe, expect, it } from "vitest";
import { healthConfigSchema } from "../../../../../src/core/config/health-config.ts";
import { healthOverrides } from "../../../../../src/engine/health/config/health-overrides.ts";
import { resourceHealth } from "../../../../../src/engine/health/resource-health.ts";

const healthy = (message: string) => `return { status = "Healthy", message = "${message}" }`;
const bucket = { apiVersion: "s3.aws.upbound.io/v1beta1", kind: "Bucket", metadata: { name: "b" }, status: {} };

describe("healthOverrides", () => {
  it("is undefined without configured checks", async () => {
    expect(await healthOverrides(undefined, healthConfigSchema.parse({}))).toBeUndefined();
  });

  it("takes an app's check before the global one, and Argo CD's wildcard keys", async () => {
    // Prepare
    const global = healthConfigSchema.parse({ lua: { "resource.customizations.health.*.upbound.io_*": healthy("global") } });
    const app = healthConfigSchema.parse({ lua: { "s3.aws.upbound.io_Bucket": healthy("app") } });

    // Act
    const both = await healthOverrides(global, app);
    const globalOnly = await healthOverrides(global, undefined);

    // Assess
    expect(resourceHealth(bucket, both)).toEqual({ status: "Healthy", message: "app" });
    expect(resourceHealth(bucket, globalOnly)).toEqual({ status: "Healthy", message: "global" });
    expect(resourceHealth({ ...bucket, apiVersion: "ec2.aws.upbound.io/v1beta1" }, globalOnly)?.message).toBe("global");
  });

  it("replaces a native check, and leaves other kinds to theirs", async () => {
    const overrides = await healthOverrides(healthConfigSchema.parse({ healthCheckExprs: [
      { apiVersion: "apps/v1", kind: "Deployment", current: "true" },
    ] }), undefined);
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", generation: 1 }, spec: { paused: true } };
    expect(resourceHealth(deployment, overrides)).toEqual({ status: "Healthy", message: "CEL current is true" });
    const job = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, status: {} };
    expect(resourceHealth(job, overrides)?.status).toBe("Progressing");
  });

  it("reads core-group keys with or without the leading underscore", async () => {
    const overrides = await healthOverrides(healthConfigSchema.parse({ lua: { _ConfigMap: healthy("a"), Secret: healthy("b") } }), undefined);
    expect(resourceHealth({ apiVersion: "v1", kind: "ConfigMap" }, overrides)?.message).toBe("a");
    expect(resourceHealth({ apiVersion: "v1", kind: "Secret" }, overrides)?.message).toBe("b");
  });

  it("makes Lua-checked objects Unknown when the runtime cannot load, and keeps CEL checks working", async () => {
    // Prepare: a runtime whose WebAssembly file is not there, as in a bundle without it
    const config = healthConfigSchema.parse({ lua: { "s3.aws.upbound.io_Bucket": healthy("never") },
      healthCheckExprs: [{ apiVersion: "example.dev/v1", kind: "Widget", current: "true" }] });
    const load = () => Promise.reject(new Error("Cannot find module 'wasmoon/dist/glue.wasm'\nRequire stack: …"));

    // Act
    const overrides = await healthOverrides(config, undefined, { load });

    // Assess
    expect(resourceHealth(bucket, overrides)).toEqual({ status: "Unknown",
      message: "Bucket health check failed: Lua runtime unavailable: Cannot find module 'wasmoon/dist/glue.wasm'" });
    expect(resourceHealth({ apiVersion: "example.dev/v1", kind: "Widget" }, overrides)?.status).toBe("Healthy");
  });
});
