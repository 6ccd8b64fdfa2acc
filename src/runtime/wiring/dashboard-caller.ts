import * as z from "zod";
import type { DashboardEnv } from "./dashboard-env.ts";

const BODY_LIMIT = 64 * 1024;

/** The parts of an API Gateway HTTP API (payload 2.0) event the dashboard reads. */
export const dashboardEventSchema = z.object({
  version: z.literal("2.0"),
  rawPath: z.string().startsWith("/"),
  rawQueryString: z.string().default(""),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({
    domainName: z.string().min(1),
    http: z.object({ method: z.string().min(1) }),
    authorizer: z.object({
      jwt: z.object({ claims: z.record(z.string(), z.unknown()) }).optional(),
      iam: z.object({ userArn: z.string().optional() }).optional(),
    }).optional(),
  }),
});
export type DashboardEvent = z.infer<typeof dashboardEventSchema>;

/** Who API Gateway let through: a JWT's subject (if the stack allows it) or an IAM principal; else a refusal. */
export function callerOf(event: DashboardEvent, settings: DashboardEnv): { who: string } | { status: number; error: string } {
  const authorizer = event.requestContext.authorizer;
  if (settings.auth === "iam") return authorizer?.iam ? { who: authorizer.iam.userArn ?? "iam" } : { status: 401, error: "the dashboard takes only SigV4-signed requests" };
  const subject = authorizer?.jwt?.claims["sub"];
  if (typeof subject !== "string") return { status: 401, error: "the dashboard takes only requests API Gateway's JWT authorizer accepted" };
  return settings.allows(subject) ? { who: subject } : { status: 403, error: `subject ${subject} is not one the dashboardSubjects parameter allows` };
}

/** CSRF: an action is a JSON POST from the dashboard's own origin (a browser sends Origin on every POST). */
export function actionRefusal(headers: Record<string, string>, origin: string, body: string): { status: number; error: string } | undefined {
  if (headers["origin"] !== undefined && headers["origin"] !== origin) return { status: 403, error: "actions are taken only from the dashboard's own origin" };
  if (!(headers["content-type"] ?? "").startsWith("application/json")) return { status: 415, error: "actions take a JSON body" };
  if (Buffer.byteLength(body) > BODY_LIMIT) return { status: 413, error: `body over ${BODY_LIMIT} bytes` };
  return undefined;
}
