import { h, type ComponentChild } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { AppDetail } from "../../../jobs/api/app-detail.ts";
import type { AppDiffView } from "../../../jobs/api/app-diff.ts";
import { act, getApp, getDiff } from "./api-client.ts";
import { badge } from "./badges.ts";
import { usePolling } from "./use-polling.ts";

/** One app: actions, conditions, holds, resources, the diff and the history with its rollbacks. */
export function DetailView(props: { name: string }): ComponentChild {
  const { name } = props;
  const { data, error, bump } = usePolling(`app:${name}`, () => getApp(name));
  const [diff, setDiff] = useState<AppDiffView | undefined>(undefined);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const loadDiff = () => { getDiff(name).then(setDiff, (e: unknown) => setDiff({ error: e instanceof Error ? e.message : String(e) })); };
  useEffect(loadDiff, [name]);
  const run = (action: "sync" | "refresh" | "rollback" | "release", body?: object) => {
    act(name, action, body).then(
      (text) => { setNotice({ ok: true, text }); bump(); },
      (e: unknown) => setNotice({ ok: false, text: `${action} refused: ${e instanceof Error ? e.message : String(e)}` }),
    );
  };
  return h("main", { id: "detail" }, [
    h("p", null, h("a", { href: "#/" }, "← All applications")),
    h("h1", null, name),
    error ? h("p", { class: "error", role: "alert" }, error) : null,
    notice ? h("p", { id: "notice", class: notice.ok ? "ok" : "error", role: "status" }, notice.text) : null,
    data ? body(data, diff, run, loadDiff) : h("p", { class: "muted", "aria-busy": "true" }, "Loading…"),
  ]);
}

type Run = (action: "sync" | "refresh" | "rollback" | "release", body?: object) => void;

function body(app: AppDetail, diff: AppDiffView | undefined, run: Run, loadDiff: () => void): ComponentChild[] {
  return [
    h("section", { class: "header" }, [
      badge(app.sync, app.syncMessage), badge(app.health, app.healthMessage),
      h("span", { class: "mono", id: "revision" }, app.revision ? app.revision.slice(0, 12) : "never synced"),
      h("span", { class: "muted" }, ` ${app.cluster} / ${app.namespace} · ${app.automated ? "automated sync" : "manual sync"} · ${app.source.repo} ${app.source.branch}:${app.source.path}`),
      h("div", { class: "actions" }, [
        h("button", { type: "button", id: "action-sync", onClick: () => run("sync") }, "Sync now"),
        h("button", { type: "button", id: "action-refresh", onClick: () => { run("refresh"); loadDiff(); } }, "Refresh"),
      ]),
    ]),
    app.conditions.length ? h("section", { id: "conditions" }, [h("h2", null, "Conditions"), h("ul", null, app.conditions.map((c) => h("li", { class: `condition c-${c.type}` }, [h("strong", null, c.type), ` ${c.message}`])))]) : null,
    app.heldImages.length ? h("section", { id: "holds" }, [h("h2", null, "Holds"), h("ul", null, app.heldImages.map((hold) => h("li", null, [
      `${hold.message} `,
      h("button", { type: "button", class: "release", onClick: () => run("release", { repository: hold.repository }) }, `Release ${hold.repository.split("/").pop() ?? ""}`),
    ])))]) : null,
    h("section", { id: "resources" }, [h("h2", null, "Resources"), h("table", null, [
      h("thead", null, h("tr", null, ["Kind", "Name", "Namespace", "Health", "Sync"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, app.resources.map((r) => {
        const d = diff && "resources" in diff ? diff.resources.find((x) => x.kind === r.kind && x.name === r.name && (x.namespace ?? "") === (r.namespace ?? "")) : undefined;
        return h("tr", null, [h("td", null, r.kind), h("td", null, r.name), h("td", null, r.namespace ?? ""), h("td", null, badge(r.health, r.healthMessage)), h("td", null, d ? badge(d.status, d.reason) : "…")]);
      })),
    ])]),
    h("section", { id: "diff" }, [h("h2", null, "Diff (live → git)"), diffView(diff)]),
    h("section", { id: "history" }, [h("h2", null, "History"), historyTable(app, run)]),
  ];
}

function diffView(diff: AppDiffView | undefined): ComponentChild {
  if (!diff) return h("p", { class: "muted", "aria-busy": "true" }, "Comparing with the cluster…");
  if ("error" in diff) return h("p", { class: "error" }, diff.error);
  const changed = diff.resources.filter((r) => r.status === "OutOfSync");
  if (changed.length === 0) return h("p", null, `All ${diff.resources.length} resources match git at ${diff.revision.slice(0, 12)}.`);
  return h("div", null, changed.map((r) => h("details", { open: true, class: "resource-diff", "data-resource": r.resource }, [
    h("summary", null, `${r.resource} (${r.reason ?? "changed"})${r.message ? `: ${r.message}` : ""}`),
    h("pre", null, r.diff.split("\n").map((line) => h("span", { class: line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "" }, `${line}\n`))),
  ])));
}

function historyTable(app: AppDetail, run: Run): ComponentChild {
  const current = app.revision;
  return h("table", null, [
    h("thead", null, h("tr", null, ["When", "Revision", "Trigger", "Delivery", "Result", ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, app.history.map((entry) => h("tr", { class: "history-row", "data-revision": entry.revision }, [
      h("td", null, new Date(entry.at).toLocaleString()),
      h("td", { class: "mono" }, entry.revision.slice(0, 12)),
      h("td", null, entry.trigger),
      h("td", { class: "mono" }, entry.deliveryId),
      h("td", null, [badge(entry.result === "Succeeded" ? "Synced" : "Degraded", entry.message), entry.message ? h("div", { class: "muted" }, entry.message) : null]),
      h("td", null, entry.revision === current ? "current" : h("button", { type: "button", class: "rollback", onClick: () => run("rollback", { revision: entry.revision }) }, "Roll back here")),
    ]))),
  ]);
}
