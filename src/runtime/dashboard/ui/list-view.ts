import { h, type ComponentChild } from "preact";
import type { AppList, ClusterSummary } from "../../../jobs/api/list-apps.ts";
import type { AppRow } from "../../../jobs/api/app-row.ts";
import { listApps } from "./api-client.ts";
import { badge } from "./badges.ts";
import { usePolling } from "./use-polling.ts";

const FILTERS = ["cluster", "namespace", "sync", "health", "appSet", "label"] as const;
const SYNCS = ["Synced", "OutOfSync", "Unknown"];
const HEALTHS = ["Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"];

/** The list: filters and search in the URL, one server page of rows grouped by cluster with its counts. */
export function ListView(props: { query: URLSearchParams; navigate: (query: URLSearchParams) => void }): ComponentChild {
  const { query, navigate } = props;
  const { data, error } = usePolling(query.toString(), () => listApps(query));
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    navigate(next);
  };
  return h("main", { id: "list" }, [
    h("h1", null, "Applications"),
    filterBar(query, data, set),
    error ? h("p", { class: "error", role: "alert" }, error) : null,
    data ? summaryBar(data.clusters, data.total) : h("p", { class: "muted", "aria-busy": "true" }, "Loading…"),
    data ? table(data.items) : null,
    data ? pager(data, set) : null,
  ]);
}

function filterBar(query: URLSearchParams, data: AppList | undefined, set: (n: string, v: string) => void): ComponentChild {
  const options: Record<(typeof FILTERS)[number], string[]> = {
    cluster: data?.facets.clusters ?? [], namespace: data?.facets.namespaces ?? [], sync: SYNCS, health: HEALTHS,
    appSet: data?.facets.appSets ?? [], label: data?.facets.labels ?? [],
  };
  return h("form", { class: "filters", role: "search", onSubmit: (e: Event) => e.preventDefault() }, [
    h("label", null, ["Search", h("input", {
      id: "search", type: "search", value: query.get("q") ?? "", placeholder: "name, image, revision…",
      onInput: (e: Event) => set("q", (e.currentTarget as HTMLInputElement).value),
    })]),
    ...FILTERS.map((name) => h("label", null, [name === "appSet" ? "App set" : name[0]?.toUpperCase() + name.slice(1), h("select", {
      id: `filter-${name}`, value: query.get(name) ?? "",
      onChange: (e: Event) => set(name, (e.currentTarget as HTMLSelectElement).value),
    }, [h("option", { value: "" }, "all"), ...options[name].map((o) => h("option", { value: o }, o))])])),
  ]);
}

function summaryBar(clusters: readonly ClusterSummary[], total: number): ComponentChild {
  return h("section", { class: "summary", "aria-label": "Summary per cluster" }, [
    h("p", { id: "total" }, `${total} app${total === 1 ? "" : "s"}`),
    ...clusters.map((c) => h("div", { class: "cluster-summary", "data-cluster": c.cluster }, [
      h("strong", null, c.cluster),
      ` ${c.apps} apps · ${c.synced} synced · ${c.outOfSync} out of sync · ${c.healthy} healthy · ${c.progressing} progressing · ${c.notHealthy} not healthy`,
    ])),
  ]);
}

const HEAD = ["Name", "App set", "Namespace", "Sync", "Health", "Revision", "Images", "Last change"];

function table(rows: readonly AppRow[]): ComponentChild {
  const body: ComponentChild[] = [];
  let cluster: string | undefined;
  for (const row of rows) {
    if (row.cluster !== cluster) {
      cluster = row.cluster;
      body.push(h("tr", { class: "group" }, h("th", { colSpan: HEAD.length, scope: "rowgroup" }, `Cluster ${cluster}`)));
    }
    body.push(rowOf(row));
  }
  return h("table", { class: "apps" }, [
    h("thead", null, h("tr", null, HEAD.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, body),
  ]);
}

function rowOf(row: AppRow): ComponentChild {
  const last = row.lastChange;
  return h("tr", { class: "app-row", "data-app": row.name }, [
    h("td", null, h("a", { href: `#/apps/${encodeURIComponent(row.name)}` }, row.name)),
    h("td", null, row.appSet ?? ""),
    h("td", null, row.namespace),
    h("td", null, badge(row.sync, row.syncMessage)),
    h("td", null, badge(row.health, row.healthMessage)),
    h("td", { class: "revision" }, [
      h("span", { class: "mono" }, row.revision ? row.revision.slice(0, 7) : "—"),
      row.commit ? h("div", { class: "commit" }, [row.commit.subject, h("div", { class: "muted" }, row.commit.author)]) : null,
    ]),
    h("td", { class: "mono" }, Object.entries(row.images).map(([r, t]) => h("div", null, `${r.split("/").pop() ?? r}:${t}`))),
    h("td", null, last ? [new Date(last.at).toLocaleString(), h("div", { class: "muted" }, `${last.trigger} ${last.deliveryId}`)] : "never"),
  ]);
}

function pager(data: AppList, set: (n: string, v: string) => void): ComponentChild {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return h("nav", { class: "pager", "aria-label": "Pages" }, [
    h("button", { type: "button", disabled: data.page <= 1, onClick: () => set("page", String(data.page - 1)) }, "← Previous"),
    h("span", { id: "page" }, ` page ${data.page} of ${pages} `),
    h("button", { type: "button", disabled: data.page >= pages, onClick: () => set("page", String(data.page + 1)) }, "Next →"),
  ]);
}
