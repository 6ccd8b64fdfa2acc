import picomatch from "picomatch";
import type { AppConfig } from "./app-config.ts";

type Matcher = (path: string) => boolean;
const matchers = new WeakMap<AppConfig, Matcher>();

/**
 * True when a change to `path` can change what the app renders: anything under its
 * `source.path`, or anything its extra `source.paths` globs name.
 */
export function appWatchesPath(app: AppConfig, path: string): boolean {
  let matcher = matchers.get(app);
  if (!matcher) {
    matcher = compile(app);
    matchers.set(app, matcher);
  }
  return matcher(path.replace(/^\.?\/+/, ""));
}

function compile(app: AppConfig): Matcher {
  const root = app.source.path.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  if (root === "" || root === ".") return () => true;
  const globs = [root, `${root}/**`, ...(app.source.paths ?? [])];
  return picomatch(globs, { dot: true });
}
