import * as z from "zod";
import { AdapterError } from "../../core/errors/adapter-error.ts";
import { kubeRetry } from "./kube-retry.ts";

const statusSchema = z.object({
  kind: z.literal("Status"),
  message: z.string().optional(),
  reason: z.string().optional(),
  details: z.object({
    // A StatusCause's type is written `reason` on the wire (Go's CauseType `json:"reason"`).
    causes: z.array(z.object({ reason: z.string().optional(), message: z.string().optional(), field: z.string().optional() }).loose()
      .transform(({ reason, message, field }): Cause => ({ ...(reason ? { type: reason } : {}), ...(message ? { message } : {}), ...(field ? { field } : {}) }))).optional(),
  }).loose().optional(),
}).loose();

type Cause = { type?: string; message?: string; field?: string };

interface KubeApiErrorOptions {
  cause?: unknown;
  reason?: string;
  causes?: Cause[];
  /** `cluster:<name>`; the fakes of tests may leave it out. */
  endpoint?: string;
  retryAfterMs?: number | undefined;
}

/**
 * An API server answer that is not 2xx, with its Status reason and message, classified once by
 * kubeRetry (429 and 5xx pass, a field manager conflict does not, ...).
 */
export class KubeApiError extends AdapterError {
  constructor(readonly status: number, message: string, options?: KubeApiErrorOptions) {
    const retry = kubeRetry(status, message, options?.causes ?? [], options?.retryAfterMs);
    super(message, { endpoint: options?.endpoint ?? "cluster", retry, cause: options?.cause });
    this.name = "KubeApiError";
    this.reason = options?.reason;
    this.causes = options?.causes ?? [];
  }

  readonly reason: string | undefined;
  readonly causes: Cause[];

  static fromStatus(status: number, body: unknown, what: string, options: Pick<KubeApiErrorOptions, "endpoint" | "retryAfterMs"> = {}): KubeApiError {
    const parsed = statusSchema.safeParse(body);
    if (parsed.success) {
      const { message, reason, details } = parsed.data;
      return new KubeApiError(status, message ?? `${what}: HTTP ${status}`, { ...options, ...(reason ? { reason } : {}), causes: details?.causes ?? [] });
    }
    const text = typeof body === "string" ? body.slice(0, 300) : "";
    return new KubeApiError(status, `${what}: HTTP ${status}${text ? `: ${text}` : ""}`, options);
  }
}

export const isNotFound = (error: unknown): boolean => error instanceof KubeApiError && error.status === 404;
/** A server-side apply conflict with another field manager (409 with reason Conflict). */
export const isApplyConflict = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.status === 409 && error.reason === "Conflict";
