import type { AppConfig } from "../../core/config/app-config.ts";
import { chartKey } from "../../core/charts/chart-key.ts";
import { definitionPlace, dependencyPlace, type ChartVersionPlace } from "../../engine/writeback/chart-version-place.ts";
import { WriteBackError } from "../../engine/writeback/write-back-error.ts";
import type { ChartTarget } from "./chart-target.ts";

/**
 * Finds a target's version in the file as the committer fetched it. A Chart.yaml dependency that now
 * names another repository or chart than the job's is refused: the version would not be the one listed.
 */
export function chartPlaceLocator(app: AppConfig, target: Exclude<ChartTarget, { kind: "unwritable" }>): (content: string) => ChartVersionPlace {
  if (target.kind === "definition") return (content) => definitionPlace(content, app.name, target.file);
  return (content) => {
    const place = dependencyPlace(content, target.dependency, target.file);
    const named = chartKey(place.repository, place.chart);
    if (named !== target.key) throw new WriteBackError({ file: target.file, reason: `dependency ${target.dependency} is ${named} now, not ${target.key}` });
    return place;
  };
}
