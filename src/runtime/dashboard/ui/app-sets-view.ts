import { h, type ComponentChild } from "preact";
import type { AppDefinitionProblem } from "../../../core/apps/app-definition-problem.ts";
import type { AppCounts, AppSetReport } from "../../../jobs/status/app-set-report.ts";
import { NO_APP_SET } from "../../../jobs/status/app-set-report.ts";
import { listAppSets } from "./api-client.ts";
import { countBadge } from "./badges.ts";
import { usePolling } from "./use-polling.ts";

/** The per-app-set report, as `sluice status` prints it: counts per app set and cluster, each cluster's condition. */
export function AppSetsView(): ComponentChild {
  const { data, error } = usePolling("appsets", listAppSets);
  return h("main", { id: "app-sets" }, [
    h("h1", null, "App sets"),
    error ? h("p", { class: "error", role: "alert" }, error) : null,
    data ? problemsOf(data.problems) : null,
    data ? data.appSets.map(setBlock) : h("p", { class: "muted", "aria-busy": "true" }, "Loading…"),
  ]);
}

/** Each count as a number with an icon, so the report reads without colour. */
const counts = (c: AppCounts): ComponentChild[] => [
  h("span", { class: "count" }, `${c.apps} app${c.apps === 1 ? "" : "s"}`),
  countBadge("Synced", c.synced, "synced"), countBadge("Healthy", c.healthy, "healthy"),
  countBadge("Progressing", c.inProgress, "in progress"), countBadge("Degraded", c.notHealthy, "not healthy"),
  countBadge("OutOfSync", c.notSynced, "not synced"),
];

const COLUMNS = ["Cluster", "Apps", "Condition"];

function setBlock(set: AppSetReport): ComponentChild {
  const direct = set.appSet === NO_APP_SET;
  return h("section", { class: "app-set", "data-app-set": set.appSet, "aria-labelledby": `set-${set.appSet}` }, [
    h("h2", { id: `set-${set.appSet}` }, direct
      ? "Apps declared directly"
      : h("a", { href: `#/?${new URLSearchParams({ appSet: set.appSet }).toString()}` }, set.appSet)),
    h("p", { class: "set-counts" }, [h("span", { class: "count" }, `${set.clusters} cluster${set.clusters === 1 ? "" : "s"}`), ...counts(set)]),
    h("table", { class: "set-clusters" }, [
      h("thead", null, h("tr", null, COLUMNS.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, set.perCluster.map((c) => h("tr", { class: "set-cluster", "data-cluster": c.cluster }, [
        h("th", { scope: "row" }, c.cluster),
        h("td", { class: "set-counts" }, counts(c)),
        h("td", { class: c.condition ? "condition error" : "condition muted" }, c.condition ?? "records read"),
      ]))),
    ]),
  ]);
}

function problemsOf(problems: readonly AppDefinitionProblem[]): ComponentChild {
  if (problems.length === 0) return null;
  return h("section", { id: "definition-problems", role: "alert", "aria-labelledby": "problems-title" }, [
    h("h2", { id: "problems-title", class: "error" }, `${problems.length} definition${problems.length === 1 ? "" : "s"} refused`),
    h("table", null, [
      h("thead", null, h("tr", null, ["File", "Path", "Problem"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, problems.map((p) => h("tr", { class: "definition-problem" }, [
        h("td", { class: "mono file" }, p.file), h("td", { class: "mono path" }, p.path || "(file)"),
        h("td", { class: "error message" }, [p.name ? h("strong", null, `${p.name}: `) : null, p.message]),
      ]))),
    ]),
  ]);
}
