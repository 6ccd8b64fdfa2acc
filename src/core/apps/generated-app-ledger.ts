import * as z from "zod";

/** What Sluice did to bring up one generated app, kept so it can undo exactly that once the app is gone. */
export const generatedAppEntrySchema = z.object({
  app: z.string().min(1),
  appSet: z.string().min(1),
  /** The template as filled in: parsed again to delete the app when nothing generates it any more. */
  definition: z.unknown(),
  deletionPolicy: z.enum(["orphan", "delete"]),
  /** The values file Sluice committed for the app. */
  valuesFile: z.object({ repo: z.string(), branch: z.string(), path: z.string() }).strict().optional(),
  /** The namespace Sluice created for the app (none when it was there already). */
  namespace: z.object({ cluster: z.string(), name: z.string() }).strict().optional(),
  createdAt: z.string(),
  /**
   * Set when a sweep found the app idle past its app set's idleTtl: `key` names the generator's
   * variables then (a branch's sha); the app stays removed until they move (a push brings it back).
   */
  idle: z.object({ at: z.string(), key: z.string(), removed: z.boolean() }).strict().optional(),
}).strict();

export type GeneratedAppEntry = z.infer<typeof generatedAppEntrySchema>;

/** Where generated apps' entries are kept between functions: one entry per app, so apps never contend. */
export interface GeneratedAppLedger {
  list(): Promise<GeneratedAppEntry[]>;
  get(app: string): Promise<GeneratedAppEntry | undefined>;
  put(entry: GeneratedAppEntry): Promise<void>;
  remove(app: string): Promise<void>;
}
