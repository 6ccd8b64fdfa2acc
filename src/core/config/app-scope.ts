import picomatch from "picomatch";
import type { AppConfig } from "./app-config.ts";

/**
 * Which paths of its repository an app watches: everything under `source.path`, whatever its
 * `source.paths` globs name (and its jsonnet `libs` folders), and the files its images are written to. Intake asks it whether a
 * pushed path syncs the app; the source digest hashes the same files.
 */
export interface AppScope {
  /** `source.path` as a repo-relative prefix, `/`-separated; "" for the whole repository. */
  readonly root: string;
  /** `source.paths` as given, then each jsonnet library folder as `<lib>/**`; empty when nothing beyond `root`. */
  readonly globs: readonly string[];
  /** The files the app's images are written to, repo-relative. */
  readonly writtenFiles: readonly string[];
  /** True when a change to `path` can change what the app renders: under `root` or named by a glob. */
  watches(path: string): boolean;
  /** True when one of `globs` names `path`. */
  globbed(path: string): boolean;
}

/** A path as the repository spells it: no leading `./` or `/`. */
export const repoPath = (path: string): string => path.replace(/^\.?\/+/, "");

/** A directory app's jsonnet library folders, as globs: what its `.jsonnet` files import can change. */
function jsonnetLibs(app: AppConfig): string[] {
  const libs = "directory" in app.render ? (app.render.directory.jsonnet?.libs ?? []) : [];
  return libs.map((lib) => `${repoPath(lib).replace(/\/+$/, "")}/**`);
}

// Apps are fixed for the life of a configuration; so are their compiled globs.
const scopes = new WeakMap<AppConfig, AppScope>();

/** The scope of `app`, computed once per app. */
export function appScope(app: AppConfig): AppScope {
  let scope = scopes.get(app);
  if (!scope) {
    scope = compile(app);
    scopes.set(app, scope);
  }
  return scope;
}

function compile(app: AppConfig): AppScope {
  const cleaned = repoPath(app.source.path).replace(/\/+$/, "");
  const root = cleaned === "." ? "" : cleaned;
  const globs = [...app.source.paths, ...jsonnetLibs(app)];
  const globbed = globs.length === 0 ? () => false : picomatch([...globs], { dot: true });
  const under = (path: string): boolean => root === "" || path === root || path.startsWith(`${root}/`);
  return {
    root,
    globs,
    writtenFiles: app.images.map((image) => repoPath(image.write.file)),
    watches: (path) => under(repoPath(path)) || globbed(repoPath(path)),
    globbed,
  };
}
