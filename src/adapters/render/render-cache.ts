import { createHash } from "node:crypto";
import type { Manifest } from "./manifest.ts";

/**
 * Rendered output by repository, revision, path and everything else that shapes it, kept in the
 * process (a warm Lambda keeps it between jobs), so a revision is rendered once, not per sync.
 */
export class RenderCache {
  private readonly entries = new Map<string, readonly Manifest[]>();

  constructor(private readonly maxEntries = 32) {}

  static key(parts: { repo: string; revision: string; path: string; shape: unknown }): string {
    return createHash("sha256").update(JSON.stringify([parts.repo, parts.revision, parts.path, parts.shape])).digest("hex");
  }

  /** A copy of the cached objects, so callers can change theirs. */
  get(key: string): Manifest[] | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Refresh its place: the least recently used entry goes first.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return structuredClone([...hit]);
  }

  set(key: string, manifests: readonly Manifest[]): void {
    this.entries.delete(key);
    this.entries.set(key, structuredClone([...manifests]));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
