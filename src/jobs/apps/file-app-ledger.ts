import { mkdir, readdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { generatedAppEntrySchema, type GeneratedAppEntry, type GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";

/** Entries as JSON files in a folder (the local runtime's state folder): one file per app. */
export class FileAppLedger implements GeneratedAppLedger {
  constructor(private readonly dir: string) {}

  async list(): Promise<GeneratedAppEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
      throw error;
    }
    const entries = await Promise.all(names.filter((n) => n.endsWith(".json")).map((n) => this.get(n.slice(0, -5))));
    return entries.flatMap((e) => (e ? [e] : []));
  }

  async get(app: string): Promise<GeneratedAppEntry | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(app), "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
      throw error;
    }
    return generatedAppEntrySchema.parse(JSON.parse(text));
  }

  async put(entry: GeneratedAppEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written aside and renamed, so a reader never sees half an entry.
    const temp = `${this.file(entry.app)}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(entry, null, 2));
    await rename(temp, this.file(entry.app));
  }

  async remove(app: string): Promise<void> {
    await rm(this.file(app), { force: true });
  }

  private file(app: string): string {
    return join(this.dir, `${app}.json`);
  }
}
