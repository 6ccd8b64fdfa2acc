import type { Change } from "../../adapters/git/branch-committer.ts";
import type { AppConfig } from "../../core/config/app-config.ts";
import { readImage } from "../../engine/writeback/write-image.ts";
import { chartRollbackMoves } from "../charts/chart-rollback-moves.ts";
import { rollBackDefinition, type DefinitionRollback } from "../charts/chart-definition-rollback.ts";

/** What a rollback found on the branch head: the files it restored and each image's tag before and after. */
export interface RollbackValue {
  readonly files: readonly string[];
  /** Per image repository whose tag the rollback moved: the tag at the head (from) and the one restored (to). */
  readonly moved: readonly { readonly repository: string; readonly from: string; readonly to: string }[];
}

/**
 * The committer's edit for a rollback: each file back to its bytes at the earlier revision (`earlier`,
 * read once from that commit), decided again on every head a lost race fetches. The commit line says
 * `[skip ci] sluice: rollback <app> to <rev>` so intake and CI know it for Sluice's own.
 */
export function rollbackEdit(
  app: AppConfig, revision: string, earlier: ReadonlyMap<string, string>, deliveryId: string,
  /** The app's definition in this branch, and its text at the revision: only its chart version is restored. */
  definition?: { readonly rollback: DefinitionRollback; readonly before: string | undefined },
): Change<RollbackValue> {
  return {
    async apply(files) {
      const moved: { repository: string; from: string; to: string }[] = [];
      for (const image of app.images) {
        const before = earlier.get(image.write.file);
        if (before === undefined) continue;
        const from = readImage(await files.readFile(image.write.file), image.write, { repository: image.repository }).tag;
        const to = readImage(before, image.write, { repository: image.repository }).tag;
        if (from && to && from !== to && !moved.some((m) => m.repository === image.repository)) moved.push({ repository: image.repository, from, to });
      }
      // Chart.yaml dependencies Sluice updates are held like images, under their chartKey.
      moved.push(...await chartRollbackMoves(app, files, earlier));
      const chart = definition ? await rollBackDefinition(app, definition.rollback, files, definition.before) : undefined;
      if (chart) moved.push(chart);
      const written: string[] = chart && definition ? [definition.rollback.file] : [];
      for (const [file, content] of earlier) {
        if ((await files.readFile(file)) === content) continue;
        await files.writeFile(file, content);
        written.push(file);
      }
      const value = { files: written, moved };
      if (written.length === 0) return { value };
      const line = `[skip ci] sluice: rollback ${app.name} to ${revision.slice(0, 12)}`;
      return { applied: { files: written, line, trailers: [`Sluice-Delivery: ${deliveryId}`] }, value };
    },
  };
}
