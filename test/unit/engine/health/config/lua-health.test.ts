import { beforeAll, describe, expect, it } from "vitest";
import { luaHealthCheck } from "../../../../../src/engine/health/config/lua-health.ts";
import { loadLua, type LuaRuntime } from "../../../../../src/engine/health/config/lua-sandbox.ts";

// An Argo CD health script as users keep them in argocd-cm: Lua 5.1 idioms (table.getn), hs = {}.
const CERTIFICATE_SCRIPT = `
hs = {}
if obj.status ~= nil and obj.status.conditions ~= nil then
  for i, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" and condition.status == "False" then
      hs.status = "Degraded"
      hs.message = condition.message
      return hs
    end
    if condition.type == "Ready" and condition.status == "True" then
      hs.status = "Healthy"
      hs.message = condition.message .. " (" .. table.getn(obj.status.conditions) .. " conditions)"
      return hs
    end
  end
end
hs.status = "Progressing"
hs.message = "Waiting for certificate"
return hs`;

const cert = (status: unknown) => ({ apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "c" }, status });

describe("luaHealthCheck", () => {
  let lua: LuaRuntime;
  beforeAll(async () => {
    lua = await loadLua();
  });

  it("runs an Argo CD script as it is", () => {
    const check = luaHealthCheck(lua, CERTIFICATE_SCRIPT);
    expect(check(cert({ conditions: [{ type: "Ready", status: "True", message: "up to date" }] })))
      .toEqual({ status: "Healthy", message: "up to date (1 conditions)" });
    expect(check(cert({ conditions: [{ type: "Ready", status: "False", message: "failed" }] })))
      .toEqual({ status: "Degraded", message: "failed" });
    // JSON null reads as nil, as the script expects of a missing status
    expect(check(cert(null))).toEqual({ status: "Progressing", message: "Waiting for certificate" });
  });

  it.each([
    ["a script error", "error('boom')", /^Lua: \[string .*\]:1: boom$/],
    ["indexing a missing field", "return obj.status.nothing.here", /attempt to index a nil value/],
    ["a status outside Argo CD's set", "return { status = 'Fine' }", /^Lua: the script returned status "Fine"$/],
    ["no table", "return 42", /^Lua: the script returned no table with a status$/],
  ])("throws, with the reason, on %s", (_case, script, message) => {
    expect(() => luaHealthCheck(lua, script)(cert({}))).toThrow(message);
  });

  it("stops a script that runs too long", () => {
    const check = luaHealthCheck(lua, "while true do end", { timeoutMs: 50, memoryBytes: 8 * 1024 * 1024 });
    expect(() => check(cert({}))).toThrow("Lua: the script ran out of time");
  });

  it("stops a script that takes too much memory", () => {
    const check = luaHealthCheck(lua, "local s = string.rep('x', 64 * 1024 * 1024) return { status = 'Healthy' }",
      { timeoutMs: 5_000, memoryBytes: 4 * 1024 * 1024 });
    expect(() => check(cert({}))).toThrow("Lua: not enough memory");
  });

  it("has no files, processes or code loading, and keeps nothing between objects", () => {
    const probe = luaHealthCheck(lua, `
      local found = {}
      for _, name in ipairs({ "io", "require", "dofile", "loadfile", "load", "debug", "package" }) do
        if _G[name] ~= nil then table.insert(found, name) end
      end
      if os.execute ~= nil then table.insert(found, "os.execute") end
      if leftover ~= nil then table.insert(found, "leftover") end
      leftover = true
      return { status = "Healthy", message = table.concat(found, ",") }`);
    expect(probe(cert({}))).toEqual({ status: "Healthy" });
    expect(probe(cert({}))).toEqual({ status: "Healthy" });
  });
});
