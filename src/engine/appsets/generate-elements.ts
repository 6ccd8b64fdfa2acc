import picomatch from "picomatch";
import { posix } from "node:path";
import { branchSlug } from "../../core/apps/branch-slug.ts";
import type { GeneratorConfig, LeafGeneratorConfig } from "../../core/config/app-set-config.ts";
import { directoriesKey, requestsKey, type BranchHead, type GeneratorInputs, type Read } from "./generator-inputs.ts";

/** One element of a generator: the variables of one app. */
export type Element = Readonly<Record<string, string>>;

/** The elements a generator gives with the inputs read, or why it cannot give them now. */
export function generateElements(generator: GeneratorConfig, inputs: GeneratorInputs): Read<Element[]> {
  if (!("matrix" in generator)) return leafElements(generator, inputs);
  const [first, second] = generator.matrix.generators;
  if (!first || !second) return { ok: false, reason: "a matrix takes two generators" };
  const a = leafElements(first, inputs);
  if (!a.ok) return a;
  const b = leafElements(second, inputs);
  if (!b.ok) return b;
  return { ok: true, value: a.value.flatMap((x) => b.value.map((y) => ({ ...x, ...y }))) };
}

function leafElements(generator: LeafGeneratorConfig, inputs: GeneratorInputs): Read<Element[]> {
  if ("list" in generator) return { ok: true, value: generator.list.elements };
  if ("clusters" in generator) {
    const wanted = Object.entries(generator.clusters.selector.matchLabels);
    const picked = inputs.clusters.filter((c) => wanted.every(([k, v]) => c.labels?.[k] === v));
    return { ok: true, value: picked.map((c) => ({
      "cluster.name": c.name,
      ...Object.fromEntries(Object.entries(c.labels ?? {}).map(([k, v]) => [`cluster.labels.${k}`, v])),
    })) };
  }
  if ("gitDirectories" in generator) {
    const g = generator.gitDirectories;
    const read = inputs.directories.get(directoriesKey(g.repoKey, g.branch)) ?? notRead(`directories of ${g.repo}`);
    if (!read.ok) return read;
    const keep = matcher(g.include, g.exclude);
    return { ok: true, value: read.value.filter(keep).map((path) => ({ path, "path.basename": posix.basename(path) })) };
  }
  if ("branches" in generator) {
    const g = generator.branches;
    const read = inputs.branches.get(g.repoKey) ?? notRead(`branches of ${g.repo}`);
    if (!read.ok) return read;
    const keep = matcher(g.include, g.exclude);
    return { ok: true, value: read.value.filter((b) => keep(b.name)).map((b) => branchVariables(b)) };
  }
  const g = generator.pullRequests;
  const read = inputs.requests.get(requestsKey(g.provider, g.repoKey)) ?? notRead(`${g.provider} requests of ${g.repo}`);
  if (!read.ok) return read;
  const open = read.value.filter((r) => g.labels.every((label) => r.labels.includes(label)));
  return { ok: true, value: open.map((r) => ({ ...branchVariables({ name: r.branch, sha: r.sha }), number: String(r.number) })) };
}

/** `{{branch}}`, `{{branchSlug}}`, `{{sha}}` and `{{shortSha}}` (7 characters, as git abbreviates). */
export function branchVariables(head: BranchHead): Element {
  return { branch: head.name, branchSlug: branchSlug(head.name), sha: head.sha, shortSha: head.sha.slice(0, 7) };
}

function matcher(include: readonly string[], exclude: readonly string[]): (name: string) => boolean {
  const yes = picomatch([...include], { dot: true });
  const no = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
  return (name) => yes(name) && !no(name);
}

const notRead = (what: string): Read<never> => ({ ok: false, reason: `${what} not read` });
