import * as z from "zod";
import { ConfigError } from "../../core/config/config-error.ts";

/**
 * Issuers whose tokens anyone can get for the audience a stack names: any GitHub or GitLab.com CI
 * job (it picks the audience), any Google account (a sign-in to your client). Only `sub` tells
 * whose a token is, so `*` is refused.
 */
const SHARED_ISSUERS = [/^https:\/\/token\.actions\.githubusercontent\.com(\/|$)/, /^https:\/\/gitlab\.com\/?$/, /^https:\/\/accounts\.google\.com\/?$/];

const schema = z.object({
  SLUICE_DASHBOARD_AUTH: z.enum(["jwt", "iam"]),
  SLUICE_DASHBOARD_ISSUER: z.string().default(""),
  SLUICE_DASHBOARD_SUBJECTS: z.string().trim().min(1, "patterns for the token's sub, or * for any").default("*"),
}).superRefine((env, ctx) => {
  if (env.SLUICE_DASHBOARD_AUTH !== "jwt") return;
  if (!/^https:\/\/\S+$/.test(env.SLUICE_DASHBOARD_ISSUER)) ctx.addIssue({ code: "custom", path: ["SLUICE_DASHBOARD_ISSUER"], message: "the OIDC issuer URL (https://…), the dashboardIssuer parameter" });
  if (SHARED_ISSUERS.some((re) => re.test(env.SLUICE_DASHBOARD_ISSUER)) && env.SLUICE_DASHBOARD_SUBJECTS.split(",").some((s) => s.trim() === "*")) {
    ctx.addIssue({ code: "custom", path: ["SLUICE_DASHBOARD_SUBJECTS"], message: "anyone can get a token of this issuer for this audience: name the subjects allowed (dashboardSubjects, e.g. repo:OWNER/REPO:ref:refs/heads/main on GitHub)" });
  }
});

export interface DashboardEnv {
  readonly auth: "jwt" | "iam";
  /** Whether a token's `sub` may use the dashboard (jwt); IAM policies decide for iam. */
  allows(subject: string): boolean;
}

/** The dashboard function's settings from its environment (the stack's dashboard* parameters); lists every problem. */
export function readDashboardEnv(env: Record<string, string | undefined> = process.env): DashboardEnv {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError("dashboard environment", result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  const patterns = result.data.SLUICE_DASHBOARD_SUBJECTS.split(",").map((s) => s.trim()).filter(Boolean).map(globToRegExp);
  return { auth: result.data.SLUICE_DASHBOARD_AUTH, allows: (subject) => patterns.some((re) => re.test(subject)) };
}

/** `*` stands for any characters, `/` and `:` included (a GitHub subject is `repo:org/name:ref:…`); the rest is literal. */
function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}
