/** One thing `sluice import` could not carry over as it was, and why. */
export interface ImportNote {
  /** The resource it came from: `Application argocd/guestbook`. */
  readonly source: string;
  /** The field of that resource, when one field is the reason. */
  readonly field?: string;
  readonly message: string;
  /** `skipped`: nothing was written for it; `changed`: written, but it means something else now. */
  readonly level: "skipped" | "changed";
}

/** Collects the notes of one import, in the order resources were read. */
export class ImportReport {
  readonly notes: ImportNote[] = [];

  skipped(source: string, message: string, field?: string): void {
    this.notes.push({ source, message, level: "skipped", ...(field ? { field } : {}) });
  }

  changed(source: string, message: string, field?: string): void {
    this.notes.push({ source, message, level: "changed", ...(field ? { field } : {}) });
  }
}
