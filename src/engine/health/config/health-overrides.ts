import { groupOf } from "../../../adapters/kube/object-ref.ts";
import { LUA_KEY, type HealthConfig } from "../../../core/config/health-config.ts";
import type { HealthCheck } from "../health-check.ts";
import type { HealthOverrides } from "../resource-health.ts";
import { celHealthCheck } from "./cel-health.ts";
import { luaHealthCheck } from "./lua-health.ts";
import { loadLua, type LuaLimits, type LuaRuntime } from "./lua-sandbox.ts";

interface Entry {
  group: RegExp;
  kind: RegExp;
  check: HealthCheck;
}

// Argo CD's keys may hold * wildcards: `*.crossplane.io_*`.
const glob = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);

/** Where the Lua runtime comes from, and the limits of each script. */
export interface LuaOptions {
  limits?: LuaLimits;
  load?: () => Promise<LuaRuntime>;
}

async function entriesOf(config: HealthConfig | undefined, lua: LuaOptions): Promise<Entry[]> {
  if (!config) return [];
  const cel = config.healthCheckExprs.map((e) => ({ group: glob(groupOf(e.apiVersion)), kind: glob(e.kind), check: celHealthCheck(e) }));
  const scripts = Object.entries(config.lua);
  if (scripts.length === 0) return cel;
  const runtime = await (lua.load ?? loadLua)().catch((error: unknown) => error instanceof Error ? error : new Error(String(error)));
  return [...cel, ...scripts.map(([key, script]) => {
    const [, group = "", kind = ""] = LUA_KEY.exec(key) ?? [];
    return { group: glob(group), kind: glob(kind), check: runtime instanceof Error ? unavailable(runtime) : luaHealthCheck(runtime, script, lua.limits) };
  })];
}

// A runtime that cannot load makes its objects Unknown, not the app's whole health read fail.
const unavailable = (error: Error): HealthCheck => () => {
  throw new Error(`Lua runtime unavailable: ${error.message.split("\n")[0]}`, { cause: error });
};

/**
 * The checks from config, an app's own before the global ones (so an app's check for a kind
 * replaces the global one), CEL before Lua. Undefined when there are none.
 */
export async function healthOverrides(global: HealthConfig | undefined, app: HealthConfig | undefined,
  lua: LuaOptions = {}): Promise<HealthOverrides | undefined> {
  const entries = [...await entriesOf(app, lua), ...await entriesOf(global, lua)];
  if (entries.length === 0) return undefined;
  return { find: (group, kind) => entries.find((e) => e.group.test(group) && e.kind.test(kind))?.check };
}
