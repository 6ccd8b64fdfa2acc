import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { DashboardAssets } from "./dashboard-assets.ts";
import { dashboardHtml } from "./dashboard-html.ts";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Bundles the front end with esbuild (Preact and the views, minified, one ES module) and reads its
 * stylesheet: what the local server serves, and what packaging writes out for the AWS route.
 */
export async function buildAssets(): Promise<DashboardAssets> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [here("./ui/main.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    legalComments: "none",
  });
  const js = result.outputFiles[0]?.text ?? "";
  const css = await readFile(here("./ui/style.css"), "utf8");
  return { html: dashboardHtml(), js, css };
}
