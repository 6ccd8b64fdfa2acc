import { LuaEngine, LuaFactory, LuaLibraries, type LuaWasm } from "wasmoon";

/** How long and how much memory one script may take. */
export interface LuaLimits {
  timeoutMs: number;
  memoryBytes: number;
}

export const DEFAULT_LUA_LIMITS: LuaLimits = { timeoutMs: 100, memoryBytes: 8 * 1024 * 1024 };

// Compiled once per process: the WebAssembly module is the slow part; a state on it takes ~1 ms.
let module: Promise<LuaWasm> | undefined;

/** Loads the Lua 5.4 runtime (WebAssembly); a failed load is tried again by the next call. */
export function loadLua(): Promise<LuaWasm> {
  module ??= new LuaFactory().getLuaModule().catch((error: unknown) => {
    module = undefined;
    throw error;
  });
  return module;
}

const LIBRARIES = [LuaLibraries.Base, LuaLibraries.Table, LuaLibraries.String, LuaLibraries.Math, LuaLibraries.UTF8, LuaLibraries.OS];
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
export function runLua(lua: LuaWasm, script: string, obj: unknown, limits: LuaLimits = DEFAULT_LUA_LIMITS): unknown {
  const engine = new LuaEngine(lua, { openStandardLibs: false, injectObjects: false, enableProxy: false, traceAllocations: true });
  try {
    for (const library of LIBRARIES) engine.global.loadLibrary(library);
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
