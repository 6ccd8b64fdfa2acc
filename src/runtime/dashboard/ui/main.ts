import { h, render, type ComponentChild } from "preact";
import { useEffect, useState } from "preact/hooks";
import { setToken, token } from "./api-client.ts";
import { AppSetsView } from "./app-sets-view.ts";
import { DetailView } from "./detail-view.ts";
import { ListView } from "./list-view.ts";

/** Where the page is: `#/` with the list's query, `#/apps/<name>` or `#/appsets`. */
function route(): { app?: string; appSets: boolean; query: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "");
  const [path = "/", search = ""] = hash.split("?");
  const app = /^\/apps\/([^/]+)$/.exec(path)?.[1];
  return { ...(app ? { app: decodeURIComponent(app) } : {}), appSets: path === "/appsets", query: new URLSearchParams(search) };
}

function view(where: ReturnType<typeof route>, navigate: (query: URLSearchParams) => void): ComponentChild {
  if (where.app) return h(DetailView, { name: where.app });
  return where.appSets ? h(AppSetsView, null) : h(ListView, { query: where.query, navigate });
}

/** The views a person moves between, as links: Tab reaches them from any view. */
const nav = (where: ReturnType<typeof route>): ComponentChild => h("nav", { class: "views", "aria-label": "Views" }, [
  h("a", { href: "#/", id: "nav-list", ...(where.app || where.appSets ? {} : { "aria-current": "page" }) }, "Applications"),
  h("a", { href: "#/appsets", id: "nav-app-sets", ...(where.appSets ? { "aria-current": "page" } : {}) }, "App sets"),
]);

function App(): ComponentChild {
  const [where, setWhere] = useState(route);
  const [hasToken, setHasToken] = useState(() => token() !== undefined);
  useEffect(() => {
    const onHash = () => setWhere(route());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const navigate = (query: URLSearchParams) => {
    const search = query.toString();
    history.replaceState(null, "", `#/${search ? `?${search}` : ""}`);
    setWhere(route());
  };
  return h("div", { class: "page" }, [
    h("header", null, [
      h("a", { class: "brand", href: "#/" }, "Sluice"),
      nav(where),
      h("span", { class: "muted", id: "token-state" }, hasToken ? "actions enabled" : "read-only (paste the token to act)"),
      h("input", { type: "password", id: "token", "aria-label": "Dashboard token", placeholder: "token", autocomplete: "off",
        onChange: (e: Event) => { setToken((e.currentTarget as HTMLInputElement).value.trim()); setHasToken(token() !== undefined); } }),
    ]),
    view(where, navigate),
  ]);
}

const root = document.getElementById("root");
if (root) render(h(App, null), root);
