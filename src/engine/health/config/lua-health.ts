import * as z from "zod";
import type { HealthCheck } from "../health-check.ts";
import { HEALTH_STATUSES } from "../health-status.ts";
import { runLua, type LuaLimits, type LuaRuntime } from "./lua-sandbox.ts";

const resultSchema = z.object({
  status: z.enum(HEALTH_STATUSES, { error: (i) => `the script returned status ${JSON.stringify(i.input) ?? "nil"}` }),
  message: z.string().nullish(),
}, { error: "the script returned no table with a status" });

/**
 * A check from an Argo CD Lua health script (`hs = {}; hs.status = …; return hs`), run in the
 * sandbox. A script error, a timeout, running out of memory or a status outside Argo CD's set
 * throws, which makes the object Unknown with that reason.
 */
export function luaHealthCheck(lua: LuaRuntime, script: string, limits?: LuaLimits): HealthCheck {
  return (object) => {
    let returned: unknown;
    try {
      returned = runLua(lua, script, object, limits);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw new Error(`Lua: ${message === "thread timeout exceeded" ? "the script ran out of time" : message}`, { cause: error });
    }
    const parsed = resultSchema.safeParse(returned);
    if (!parsed.success) throw new Error(`Lua: ${parsed.error.issues[0]?.message ?? "an unexpected result"}`);
    const { status, message } = parsed.data;
    return { status, ...(message ? { message } : {}) };
  };
}
