import type { SluiceConfig } from "../config/app-config.ts";
import type { AppIndexReader } from "./app-index-reader.ts";
import { staticAppIndex } from "./static-app-index.ts";

const readers = new WeakMap<SluiceConfig, AppIndexReader>();

/** The reader of a configuration without app sources or app sets: its inline apps, read once. */
export function staticAppIndexReader(config: SluiceConfig): AppIndexReader {
  let reader = readers.get(config);
  if (!reader) {
    const index = Promise.resolve(staticAppIndex(config));
    reader = { current: () => index, refresh: () => index, watches: () => false };
    readers.set(config, reader);
  }
  return reader;
}
