import type { ImportContext } from "./import-context.ts";

// Argo CD sync options Sluice has under another name, by option name.
const OPTIONS: Readonly<Record<string, string>> = {
  CreateNamespace: "createNamespace",
  PruneLast: "pruneLast",
  ApplyOutOfSyncOnly: "applyOutOfSyncOnly",
  Replace: "replace",
  Force: "force",
};
// Options whose effect Sluice has always, or that have no meaning without Argo CD.
const BUILT_IN = new Set([
  "ServerSideApply",
  "RespectIgnoreDifferences",
  "Validate",
  "FailOnSharedResource",
  "Delete",
  "Prune",
]);

/** An Application's syncPolicy and ignoreDifferences as a Sluice `syncPolicy`. */
export function argoSyncPolicy(
  spec: Record<string, unknown>,
  source: string,
  ctx: ImportContext,
): Record<string, unknown> {
  const policy = (spec["syncPolicy"] ?? {}) as Record<string, unknown>;
  const automated = policy["automated"] as Record<string, unknown> | null | undefined;
  const out: Record<string, unknown> = {
    automated: automated !== undefined && automated !== null && automated["enabled"] !== false,
  };
  if (automated) {
    if (automated["prune"] === true) out["prune"] = true;
    if (automated["selfHeal"] === true) out["selfHeal"] = true;
    if (automated["allowEmpty"] === true)
      ctx.report.changed(
        source,
        "allowEmpty: Sluice applies an empty render as it is",
        "spec.syncPolicy.automated.allowEmpty",
      );
  }
  for (const option of Array.isArray(policy["syncOptions"]) ? policy["syncOptions"] : []) {
    const [key = "", value = ""] = String(option).split("=");
    if (key === "PrunePropagationPolicy") out["prunePropagationPolicy"] = value;
    else if (OPTIONS[key]) out[OPTIONS[key]] = value === "true";
    else if (!BUILT_IN.has(key))
      ctx.report.skipped(
        source,
        `sync option ${String(option)} has no Sluice equivalent`,
        "spec.syncPolicy.syncOptions",
      );
  }
  if (policy["retry"] !== undefined)
    ctx.report.changed(source, "retry: the queue retries a failed sync with backoff instead", "spec.syncPolicy.retry");
  const ignore = ignoreDifferences(spec["ignoreDifferences"], source, ctx);
  if (ignore.length) out["ignoreDifferences"] = ignore;
  return out;
}

function ignoreDifferences(rules: unknown, source: string, ctx: ImportContext): Record<string, unknown>[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: Record<string, unknown>, i) => {
    if (rule["jqPathExpressions"] !== undefined)
      ctx.report.skipped(source, "jqPathExpressions: give the fields as jsonPointers", `spec.ignoreDifferences[${i}]`);
    const kept = Object.fromEntries(
      ["group", "kind", "name", "namespace", "jsonPointers", "managedFieldsManagers"]
        .filter((k) => rule[k] !== undefined)
        .map((k) => [k, rule[k]]),
    );
    return (kept["jsonPointers"] ?? kept["managedFieldsManagers"]) === undefined ? [] : [kept];
  });
}
