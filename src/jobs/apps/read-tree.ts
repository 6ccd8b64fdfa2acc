import { readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";

/** Every folder under `dir` (repo-relative, `/`-separated), git's own left out. */
export async function listDirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => posix.relative(dir.replaceAll("\\", "/"), join(e.parentPath, e.name).replaceAll("\\", "/")))
    .filter((path) => path !== ".git" && !path.startsWith(".git/"))
    .sort();
}

/** Every `*.yaml` and `*.yml` file under `root` of the checkout in `dir`, with its text, in path order. */
export async function readDefinitionFiles(dir: string, root: string): Promise<{ path: string; text: string }[]> {
  const base = root === "." || root === "" ? dir : join(dir, root);
  let entries;
  try {
    entries = await readdir(base, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  }
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => posix.relative(dir.replaceAll("\\", "/"), join(e.parentPath, e.name).replaceAll("\\", "/")))
    .filter((path) => !path.startsWith(".git/"))
    .sort();
  return Promise.all(files.map(async (path) => ({ path, text: await readFile(join(dir, path), "utf8") })));
}
