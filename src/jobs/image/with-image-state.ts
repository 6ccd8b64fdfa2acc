import type { AppRecord } from "../../engine/record/app-record.ts";

/** What an image update learned about one image: the tag Sluice wrote, and whether it is held. */
export interface ImageState {
  readonly repository: string;
  /** Set after Sluice pushed this tag. */
  readonly written?: string;
  /** Set when a human's rollback holds the image; absent clears a hold. */
  readonly hold?: { readonly tag: string; readonly from: string; readonly message: string };
}

/**
 * The record with an image update's state (`written`, `holds`) in step; the record itself when
 * nothing changed. Without a record (the app never synced) there is nothing to add to: the next
 * sync creates one, and the next bump fills it in.
 */
export function withImageState(record: AppRecord | undefined, state: ImageState): AppRecord | undefined {
  if (!record) return undefined;
  const written = state.written === undefined ? record.written : { ...record.written, [state.repository]: state.written };
  const others = (record.holds ?? []).filter((h) => h.repository !== state.repository);
  const holds = state.hold ? [...others, { repository: state.repository, ...state.hold }] : others;
  if (JSON.stringify(written ?? {}) === JSON.stringify(record.written ?? {}) && JSON.stringify(holds) === JSON.stringify(record.holds ?? [])) return record;
  return { ...record, ...(written ? { written } : {}), holds };
}
