import type { AppConfig } from "../../core/config/app-config.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import type { EndpointBackoff } from "./endpoint-backoff.ts";
import { isEndpointFailure, reasonOf } from "./endpoint-failure.ts";
import { retryAfterMsOf } from "../../core/errors/retry-of.ts";
import type { SweepDeps } from "./sweep-deps.ts";
import type { SweepFindings } from "./sweep-findings.ts";
import type { SweptDestination } from "./swept-destination.ts";
import type { SweepTaskRunner } from "./sweep-task-runner.ts";
import { withTimeout } from "../../core/util/with-timeout.ts";

/** How long the sweep waits for each kind of call before it counts the endpoint as not answering. */
export const SWEEP_TIMEOUTS = { records: 30_000, head: 20_000, snapshot: 120_000, tags: 60_000, live: 60_000 };

/** Tasks of one kind in flight at once. */
export const SWEEP_CONCURRENCY = 8;

/** One sweep's shared parts. */
export interface SweepContext {
  readonly deps: SweepDeps;
  readonly sweepId: string;
  readonly backoff: EndpointBackoff;
  readonly runner: SweepTaskRunner;
  readonly findings: SweepFindings;
}

/** An app with its destination as the sweep sees it, and its record (none: never synced). */
export interface AppView {
  readonly app: AppConfig;
  readonly target: SweptDestination;
  readonly record: AppRecord | undefined;
}

export type Called<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * One call to an endpoint, unless it is backed off; with a timeout. A failure of the endpoint
 * itself counts against it; a refusal of one thing (a 404) is only the caller's reason.
 */
export async function callEndpoint<T>(ctx: SweepContext, endpoint: string, what: string, timeoutMs: number, call: () => Promise<T>): Promise<Called<T>> {
  const blocked = ctx.backoff.blocked(endpoint);
  if (blocked !== undefined) return { ok: false, reason: blocked };
  try {
    const value = await withTimeout(call(), timeoutMs, what);
    ctx.backoff.answered(endpoint);
    return { ok: true, value };
  } catch (error) {
    const reason = `${what}: ${reasonOf(error)}`;
    if (isEndpointFailure(error)) ctx.backoff.failed(endpoint, reason, retryAfterMsOf(error));
    else ctx.backoff.answered(endpoint);
    return { ok: false, reason };
  }
}
