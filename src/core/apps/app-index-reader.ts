import type { AppIndex } from "./app-index.ts";

/** Where a function gets the app index: kept while fresh, read again on demand or when a watched repository moves. */
export interface AppIndexReader {
  /** The index as last read, read again once it is older than the reader allows. */
  current(): Promise<AppIndex>;
  /** Reads the app sources' heads and the generators' inputs now. */
  refresh(): Promise<AppIndex>;
  /**
   * The index as last read, however old, without reading; undefined before the first read. What a delivery
   * compares the index it reads again with, so a change since (a request closed) becomes jobs.
   */
  held?(): AppIndex | undefined;
  /** True when a push to one of these repositories (normalised URLs) can change the apps. */
  watches(repositoryKeys: readonly string[]): boolean;
}
