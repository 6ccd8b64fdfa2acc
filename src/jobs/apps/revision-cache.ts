/** What was read of one git branch, kept by the revision it was read at: an unchanged head is not read again. */
export class RevisionCache<T> {
  private readonly held = new Map<string, { revision: string; value: Promise<T> }>();

  /** The value at `revision`, read with `load` only when the key was last read at another revision. */
  at(key: string, revision: string, load: () => Promise<T>): Promise<T> {
    const kept = this.held.get(key);
    if (kept && kept.revision === revision) return kept.value;
    const value = load();
    this.held.set(key, { revision, value });
    // A failed read is not kept: the next call tries again.
    value.catch(() => {
      if (this.held.get(key)?.value === value) this.held.delete(key);
    });
    return value;
  }
}
