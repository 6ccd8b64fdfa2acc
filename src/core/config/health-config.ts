import * as z from "zod";
import { celEnvironment } from "./cel-environment.ts";

// The check's own error, first line only: cel-js appends a source excerpt with a caret.
const celError = (source: string): string | undefined => {
  try {
    celEnvironment.parse(source);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0];
  }
};

const celExpression = z.string().trim().min(1).superRefine((source, ctx) => {
  const error = celError(source);
  if (error) ctx.addIssue({ code: "custom", message: `not a CEL expression: ${error}` });
});

/**
 * One entry of `health.healthCheckExprs`, in the shape of Flux's Kustomization field: CEL over
 * the live object (`metadata`, `spec`, `status`), tried in the order inProgress, failed, current.
 */
export const healthCheckExprSchema = z.strictObject({
  apiVersion: z.string().regex(/^([a-z0-9.-]+\/)?v[a-z0-9]+$/, "an apiVersion such as example.com/v1"),
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "a kind such as Widget"),
  current: celExpression,
  inProgress: celExpression.optional(),
  failed: celExpression.optional(),
});

/** `resource.customizations.health.<group>_<kind>` as in argocd-cm; the prefix may be left out. */
export const LUA_KEY = /^(?:resource\.customizations\.health\.)?(?:([a-z0-9.*-]*)_)?([A-Za-z0-9*]+)$/;

/**
 * `health` (for every app) and `apps[].health` (for one, replacing the global check of the same
 * group and kind): CEL expressions as Flux takes them, and Argo CD's Lua health scripts as they are.
 */
export const healthConfigSchema = z.strictObject({
  healthCheckExprs: z.array(healthCheckExprSchema).default([]),
  lua: z.record(z.string(), z.string().trim().min(1, "an empty script")).superRefine((scripts, ctx) => {
    // Another argocd-cm customization (actions, ignoreDifferences…) would otherwise read as a group.
    const other = (k: string) => k.startsWith("resource.customizations.") && !k.startsWith("resource.customizations.health.");
    for (const key of Object.keys(scripts).filter((k) => !LUA_KEY.test(k) || other(k))) {
      const message = key.startsWith("resource.customizations.useOpenLibs.")
        ? "useOpenLibs is not needed: os.time, os.date and os.clock are always there, and no other library can be opened"
        : "not resource.customizations.health.<group>_<kind> or <group>_<kind>";
      ctx.addIssue({ code: "custom", path: [key], message });
    }
  }).default({}),
});

export type HealthConfig = z.infer<typeof healthConfigSchema>;
export type HealthCheckExpr = z.infer<typeof healthCheckExprSchema>;
