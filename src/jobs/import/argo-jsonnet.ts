import type { ImportReport } from "./import-report.ts";

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An Application's `spec.source.directory.jsonnet` as Sluice's `directory.jsonnet`: the same
 * shape, so tlas, extVars and libs carry over as they are (the app definition's schema checks
 * them). Argo CD expands `$ARGOCD_APP_NAME` and the other build variables in values; Sluice does
 * not, which the report says for each value that names one.
 */
export function argoJsonnet(jsonnet: unknown, name: string, report: ImportReport): Obj | undefined {
  if (!isObj(jsonnet)) return undefined;
  const out: Obj = {};
  for (const key of ["tlas", "extVars"] as const) {
    const vars = jsonnet[key];
    if (!Array.isArray(vars) || vars.length === 0) continue;
    out[key] = vars.map((v: unknown, i) => {
      if (isObj(v) && typeof v["value"] === "string" && /\$\{?ARGOCD_/.test(v["value"]))
        report.changed(name, `${String(v["name"])}: Argo CD's build variables are not expanded; the value is kept as written`, `spec.source.directory.jsonnet.${key}[${i}].value`);
      return isObj(v) ? { name: v["name"], value: v["value"], ...(v["code"] === true ? { code: true } : {}) } : v;
    });
  }
  if (Array.isArray(jsonnet["libs"]) && jsonnet["libs"].length > 0) out["libs"] = jsonnet["libs"];
  return Object.keys(out).length > 0 ? out : undefined;
}
