import { h, type ComponentChild } from "preact";

// One icon per state, so a state reads without colour: a check, a cross-arrow, a question mark…
const ICONS: Record<string, string> = {
  Synced: "M4 10l4 4 8-8",
  OutOfSync: "M4 10h12M12 6l4 4-4 4",
  Unknown: "M7 7a3 3 0 1 1 4 3v2M10 15v.5",
  Healthy: "M10 17s-6-4-6-8a3 3 0 0 1 6-1 3 3 0 0 1 6 1c0 4-6 8-6 8z",
  Progressing: "M10 3a7 7 0 1 1-7 7",
  Suspended: "M7 5v10M13 5v10",
  Missing: "M5 10h10",
  Degraded: "M10 4l7 12H3zM10 9v3M10 14v.5",
};

const icon = (status: string): ComponentChild =>
  h("svg", { viewBox: "0 0 20 20", width: 14, height: 14, "aria-hidden": "true" }, h("path", { d: ICONS[status] ?? ICONS["Unknown"] ?? "" }));

/** A status as icon, word and colour together. */
export function badge(status: string, title?: string): ComponentChild {
  return h("span", { class: `badge s-${status}`, title: title ?? status, "data-status": status }, [icon(status), status]);
}

/** A count of apps in a state ("2 not synced") with that state's icon; a zero is drawn muted, not alarming. */
export function countBadge(status: string, count: number, label: string): ComponentChild {
  return h("span", { class: `badge count s-${count === 0 ? "zero" : status}`, "data-count": label, "data-value": count }, [icon(status), `${count} ${label}`]);
}
