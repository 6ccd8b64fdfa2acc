import type { AppConfig } from "../config/app-config.ts";
import type { Manifest } from "../render/manifest.ts";
import type { AppRecord } from "./app-record.ts";

/** The outcome of applying one object. */
export interface ResourceResult {
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  status: "applied" | "failed";
  message?: string;
}

/** Where an app's rendered objects go: a cluster, or a folder when there is no cluster. */
export interface Destination {
  readRecord(app: string): Promise<AppRecord | undefined>;
  /** Applies every object; one failure does not stop the others. */
  apply(app: AppConfig, manifests: readonly Manifest[]): Promise<ResourceResult[]>;
  writeRecord(record: AppRecord): Promise<void>;
}
