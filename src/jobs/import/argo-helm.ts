import { readYaml } from "../../core/util/read-yaml.ts";
import { setHelmValue } from "./set-helm-value.ts";
import type { ImportContext } from "./import-context.ts";

type Obj = Record<string, unknown>;

/** An Argo CD source's `helm:` block as Sluice's `render.helm`. */
export function argoHelm(helm: Obj, source: string, ctx: ImportContext, field: string): Obj {
  const out: Obj = {};
  if (typeof helm["releaseName"] === "string") out["releaseName"] = helm["releaseName"];
  if (Array.isArray(helm["valueFiles"])) out["valueFiles"] = helm["valueFiles"].map(String);
  if (typeof helm["kubeVersion"] === "string") out["kubeVersion"] = helm["kubeVersion"];
  if (helm["skipCrds"] === true) out["includeCRDs"] = false;
  const values: Obj = {};
  if (typeof helm["values"] === "string" && helm["values"].trim() !== "") {
    const parsed = readYaml(helm["values"])[0]?.value;
    if (typeof parsed === "object" && parsed !== null) Object.assign(values, parsed);
  }
  if (typeof helm["valuesObject"] === "object" && helm["valuesObject"] !== null)
    Object.assign(values, helm["valuesObject"]);
  for (const parameter of Array.isArray(helm["parameters"]) ? (helm["parameters"] as Obj[]) : []) {
    const name = String(parameter["name"]);
    const raw = String(parameter["value"] ?? "");
    const value = parameter["forceString"] === true ? raw : scalar(raw);
    if (!setHelmValue(values, name, value))
      ctx.report.skipped(
        source,
        `helm parameter ${name}: list indexes are not written; set it in a values file`,
        `${field}.parameters`,
      );
  }
  if (Object.keys(values).length) out["values"] = values;
  for (const key of [
    "fileParameters",
    "passCredentials",
    "ignoreMissingValueFiles",
    "valuesFrom",
    "apiVersions",
    "namespace",
    "version",
  ]) {
    if (helm[key] !== undefined) ctx.report.skipped(source, `helm.${key} has no Sluice equivalent`, `${field}.${key}`);
  }
  return out;
}

/** A `--set` value as Helm types it: true, false, null and numbers are not strings. */
function scalar(text: string): unknown {
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  return /^-?\d+(\.\d+)?$/.test(text) && Number.isSafeInteger(Math.trunc(Number(text))) ? Number(text) : text;
}
