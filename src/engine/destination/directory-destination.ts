import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { toYaml } from "../../adapters/yaml/to-yaml.ts";
import type { AppConfig } from "../../core/config/app-config.ts";
import { unifiedDiff } from "../diff/unified-diff.ts";
import { maskedFileSides } from "../diff/masked-file-sides.ts";
import { inventoryKey, refOf } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import { appRecordSchema, type AppRecord } from "../record/app-record.ts";
import type { Destination, StoredRecord } from "./destination.ts";
import { RecordConflictError } from "./record-conflict-error.ts";
import { withFileLock } from "./with-file-lock.ts";
import type { AppDiff, HealthReport, ResourceResult, SyncRun } from "../sync/sync-result.ts";

const MANIFESTS = "manifests.yaml";
const RECORD = "record.json";
const digestOf = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Render-only destination: writes the objects to `<dir>/manifests.yaml` for a person to read. */
export class DirectoryDestination implements Destination {
  constructor(private readonly dir: string) {}

  get name(): string {
    return `folder ${this.dir}`;
  }

  async readRecord(app: string): Promise<AppRecord | undefined> {
    return (await this.loadRecord(app)).record;
  }

  /** The version is a digest of the file's bytes: a write compares it with the file's as it then is. */
  async loadRecord(app: string): Promise<StoredRecord> {
    const text = await this.read(RECORD);
    if (text === undefined) return { record: undefined, version: undefined };
    const record = appRecordSchema.parse(JSON.parse(text));
    return { record: record.app === app ? record : undefined, version: digestOf(text) };
  }

  async listRecords(): Promise<AppRecord[]> {
    const text = await this.read(RECORD);
    return text === undefined ? [] : [appRecordSchema.parse(JSON.parse(text))];
  }

  /**
   * Compare-and-swap under a lock file: the file is read again holding the lock, and replaced
   * (write, then rename) only when its digest is still `version`, so no writer's change is lost.
   */
  async storeRecord(record: AppRecord, version: string | undefined): Promise<string> {
    return withFileLock(join(this.dir, RECORD), async () => {
      const text = await this.read(RECORD);
      if ((text === undefined ? undefined : digestOf(text)) !== version) throw new RecordConflictError(record.app);
      const written = `${JSON.stringify(record, null, 2)}\n`;
      await this.atomicWrite(RECORD, written);
      return digestOf(written);
    });
  }

  async deleteRecord(): Promise<void> {
    await rm(join(this.dir, RECORD), { force: true });
  }

  /** A folder has no Kubernetes version: Helm renders with its defaults. */
  async capabilities(): Promise<undefined> {
    return undefined;
  }

  /** One diff for the whole file: what a sync would write against what is there. */
  async diff(app: AppConfig, manifests: readonly Manifest[]): Promise<AppDiff> {
    const before = (await this.read(MANIFESTS)) ?? "";
    const after = this.text(app, manifests);
    // Compared on the bytes, shown masked: a Secret's values never reach the diff's text.
    const sides = before === after ? { before, after } : maskedFileSides(before, this.placed(app, manifests));
    const diff = before === after ? "" : unifiedDiff(sides.before, sides.after, { from: `${this.dir}/${MANIFESTS}`, to: `git/${app.name}` });
    const ref = { apiVersion: "v1", kind: "File", name: MANIFESTS };
    return { resources: [{ ref, status: diff === "" ? "Synced" : "OutOfSync", ...(diff === "" ? {} : { reason: before === "" ? "missing" as const : "changed" as const }), diff }] };
  }

  async sync(app: AppConfig, manifests: readonly Manifest[]): Promise<SyncRun> {
    await this.atomicWrite(MANIFESTS, this.text(app, manifests));
    const results: ResourceResult[] = this.placed(app, manifests).map((o) => ({ key: inventoryKey(refOf(o)), kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, status: "applied" }));
    const keys = results.map((r) => r.key);
    return { results, rendered: keys, inventory: keys, deferredPrune: [] };
  }

  /** Rewriting the file already dropped what is no longer rendered. */
  async prune(): Promise<ResourceResult[]> {
    return [];
  }

  /** Written files are as healthy as files get: there is nothing live to watch. */
  async health(): Promise<HealthReport> {
    return { status: "Healthy", message: `rendered to ${this.dir}`, resources: [] };
  }

  async deleteApp(): Promise<ResourceResult[]> {
    await rm(join(this.dir, MANIFESTS), { force: true });
    return [];
  }

  private placed(app: AppConfig, manifests: readonly Manifest[]): Manifest[] {
    return manifests.map((m) => ({ ...m, metadata: { ...m.metadata, namespace: m.metadata.namespace ?? app.destination.namespace } }));
  }

  private text(app: AppConfig, manifests: readonly Manifest[]): string {
    // A hook named by generateName has no name until a server names it: written as it was rendered.
    const unnamed = ({ name: _none, ...metadata }: Manifest["metadata"]) => metadata;
    return this.placed(app, manifests).map((o) => toYaml(o.metadata.name === "" ? { ...o, metadata: unnamed(o.metadata) } : o)).join("---\n");
  }

  private async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.dir, name), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  private async atomicWrite(name: string, content: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${name}.tmp`);
    await writeFile(tmp, content);
    await rename(tmp, join(this.dir, name));
  }
}
