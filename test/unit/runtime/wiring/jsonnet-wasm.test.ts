import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GO_JSONNET_VERSION, jsonnetWasm } from "../../../../src/runtime/wiring/jsonnet-wasm.ts";

describe("jsonnetWasm", () => {
  it("is where infra/build-jsonnet.sh builds it, the version pinned in both", async () => {
    // Prepare
    const script = await readFile(join(import.meta.dirname, "../../../../infra/build-jsonnet.sh"), "utf8");

    // Act
    const pinned = /^GO_JSONNET_VERSION=(\S+)$/m.exec(script)?.[1];

    // Assess
    expect(pinned).toBe(GO_JSONNET_VERSION);
    expect(jsonnetWasm({ SLUICE_CACHE: "/cache" })).toBe(`/cache/jsonnet-${pinned}/jsonnet.wasm`);
  });

  it("takes SLUICE_JSONNET_WASM first", () => {
    expect(jsonnetWasm({ SLUICE_JSONNET_WASM: "/opt/j/jsonnet.wasm", SLUICE_CACHE: "/cache" })).toBe("/opt/j/jsonnet.wasm");
  });
});
