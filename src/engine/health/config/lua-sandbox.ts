import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Wasm from "wasmoon";
import type { LuaWasm } from "wasmoon";

type Wasmoon = typeof Wasm;

/** How long and how much memory one script may take. */
export interface LuaLimits {
  timeoutMs: number;
  memoryBytes: number;
}

export const DEFAULT_LUA_LIMITS: LuaLimits = { timeoutMs: 100, memoryBytes: 8 * 1024 * 1024 };

/** The loaded runtime: wasmoon's classes and its compiled module. */
export interface LuaRuntime {
  wasmoon: Wasmoon;
  module: LuaWasm;
}

// Compiled once per process: the WebAssembly module is the slow part; a state on it takes ~1 ms.
let runtime: Promise<LuaRuntime> | undefined;

/**
 * Loads the Lua 5.4 runtime (WebAssembly) on first use, so that apps without Lua checks never
 * load it; a failed load is tried again by the next call.
 */
export function loadLua(): Promise<LuaRuntime> {
  runtime ??= importLua().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

async function importLua(): Promise<LuaRuntime> {
  // wasmoon's glue reads __filename as it loads, which an ES module bundle does not define.
  const scope = globalThis as { __filename?: string };
  scope.__filename ??= fileURLToPath(import.meta.url);
  const wasmoon = await import("wasmoon");
  // Named explicitly: a bundle holds wasmoon's code but not the .wasm file beside it.
  const wasm = createRequire(import.meta.url).resolve("wasmoon/dist/glue.wasm");
  return { wasmoon, module: await new wasmoon.LuaFactory(wasm).getLuaModule() };
}

const libraries = ({ LuaLibraries: l }: Wasmoon) => [l.Base, l.Table, l.String, l.Math, l.OS];
// No files, no processes, no loading code: os keeps only its clock. Argo CD's scripts were
// written for Lua 5.1 (gopher-lua), so table.getn and unpack are kept as it has them.
const PRELUDE = `local time, date, clock = os.time, os.date, os.clock
os = { time = time, date = date, clock = clock }
dofile, loadfile, load, require, collectgarbage = nil, nil, nil, nil, nil
table.getn = function(t) return #t end
unpack = table.unpack`;

/**
 * Runs `script` in a fresh Lua state with `obj` set as Argo CD does, and returns what it returns.
 * Each run has its own state, so nothing one script leaves behind reaches the next object.
 */
export function runLua(lua: LuaRuntime, script: string, obj: unknown, limits: LuaLimits = DEFAULT_LUA_LIMITS): unknown {
  const options = { openStandardLibs: false, injectObjects: false, enableProxy: false, traceAllocations: true };
  const engine = new lua.wasmoon.LuaEngine(lua.module, options);
  try {
    for (const library of libraries(lua.wasmoon)) engine.global.loadLibrary(library);
    engine.doStringSync(PRELUDE);
    engine.global.setMemoryMax(limits.memoryBytes);
    engine.global.setTimeout(Date.now() + limits.timeoutMs);
    engine.global.set("obj", withoutNulls(obj));
    return engine.doStringSync(script);
  } finally {
    engine.global.close();
  }
}

/** JSON null is Lua nil: drop it, so `field ~= nil` reads as the script's author meant. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
