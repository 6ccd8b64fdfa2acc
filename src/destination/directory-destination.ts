import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dump } from "js-yaml";
import type { AppConfig } from "../config/app-config.ts";
import { manifestKey, type Manifest } from "../render/manifest.ts";
import { appRecordSchema, type AppRecord } from "./app-record.ts";
import type { Destination, ResourceResult } from "./destination.ts";

/** Render-only destination: writes the objects to `<dir>/manifests.yaml` for a person to read. */
export class DirectoryDestination implements Destination {
  constructor(private readonly dir: string) {}

  async readRecord(app: string): Promise<AppRecord | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.dir, "record.json"), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const record = appRecordSchema.parse(JSON.parse(text));
    return record.app === app ? record : undefined;
  }

  async apply(app: AppConfig, manifests: readonly Manifest[]): Promise<ResourceResult[]> {
    const objects = manifests.map((m) => ({ ...m, metadata: { ...m.metadata, namespace: m.metadata.namespace ?? app.destination.namespace } }));
    await this.atomicWrite("manifests.yaml", objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join("---\n"));
    return objects.map((o) => ({ key: manifestKey(o), kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, status: "applied" as const }));
  }

  writeRecord(record: AppRecord): Promise<void> {
    return this.atomicWrite("record.json", `${JSON.stringify(record, null, 2)}\n`);
  }

  private async atomicWrite(name: string, content: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${name}.tmp`);
    await writeFile(tmp, content);
    await rename(tmp, join(this.dir, name));
  }
}
