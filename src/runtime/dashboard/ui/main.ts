import { h, render, type ComponentChild } from "preact";
import { useEffect, useState } from "preact/hooks";
import { setToken, token } from "./api-client.ts";
import { DetailView } from "./detail-view.ts";
import { ListView } from "./list-view.ts";

/** Where the page is: `#/` with the list's query, or `#/apps/<name>`. */
function route(): { app?: string; query: URLSearchParams } {
  const hash = location.hash.replace(/^#/, "");
  const [path = "/", search = ""] = hash.split("?");
  const app = /^\/apps\/([^/]+)$/.exec(path)?.[1];
  return { ...(app ? { app: decodeURIComponent(app) } : {}), query: new URLSearchParams(search) };
}

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
      h("span", { class: "muted", id: "token-state" }, hasToken ? "actions enabled" : "read-only (paste the token to act)"),
      h("input", { type: "password", id: "token", "aria-label": "Dashboard token", placeholder: "token", autocomplete: "off",
        onChange: (e: Event) => { setToken((e.currentTarget as HTMLInputElement).value.trim()); setHasToken(token() !== undefined); } }),
    ]),
    where.app ? h(DetailView, { name: where.app }) : h(ListView, { query: where.query, navigate }),
  ]);
}

const root = document.getElementById("root");
if (root) render(h(App, null), root);
