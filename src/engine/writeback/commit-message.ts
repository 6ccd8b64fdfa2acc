import type { Applied } from "../../adapters/git/branch-committer.ts";
import type { CommitConfig } from "../../core/config/commit-config.ts";

/** The message of a commit carrying one or more bumps, trailers last and each once. */
export function commitMessage(config: CommitConfig, applied: readonly Applied[]): string {
  const lines = applied.map((a) => a.line);
  const subject = lines.length === 1 ? (lines[0] ?? "") : config.batchSubject.replaceAll("{count}", String(lines.length));
  const body = lines.length === 1 ? [] : [lines.map((l) => `- ${l}`).join("\n")];
  const trailers = [...new Set(applied.flatMap((a) => a.trailers))];
  return `${[subject, ...body, ...(trailers.length ? [trailers.join("\n")] : [])].join("\n\n")}\n`;
}

/** One bump's line from the template: {app}, {image}, {from} ("(none)" when the file had no tag) and {to}. */
export function bumpLine(template: string, bump: { app: string; image: string; from: string | undefined; to: string }): string {
  return template.replaceAll("{app}", bump.app).replaceAll("{image}", bump.image).replaceAll("{from}", bump.from ?? "(none)").replaceAll("{to}", bump.to);
}
