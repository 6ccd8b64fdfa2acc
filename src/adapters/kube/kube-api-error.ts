import * as z from "zod";

const statusSchema = z.object({
  kind: z.literal("Status"),
  message: z.string().optional(),
  reason: z.string().optional(),
  details: z.object({
    causes: z.array(z.object({ type: z.string().optional(), message: z.string().optional(), field: z.string().optional() }).loose()).optional(),
  }).loose().optional(),
}).loose();

/** An API server answer that is not 2xx, with its Status reason and message. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown; reason?: string; causes?: { type?: string; message?: string; field?: string }[] },
  ) {
    super(message, options);
    this.name = "KubeApiError";
    this.reason = options?.reason;
    this.causes = options?.causes ?? [];
  }

  readonly reason: string | undefined;
  readonly causes: { type?: string; message?: string; field?: string }[];

  static fromStatus(status: number, body: unknown, what: string): KubeApiError {
    const parsed = statusSchema.safeParse(body);
    if (parsed.success) {
      return new KubeApiError(status, parsed.data.message ?? `${what}: HTTP ${status}`, { ...(parsed.data.reason ? { reason: parsed.data.reason } : {}), causes: parsed.data.details?.causes ?? [] });
    }
    const text = typeof body === "string" ? body.slice(0, 300) : "";
    return new KubeApiError(status, `${what}: HTTP ${status}${text ? `: ${text}` : ""}`);
  }
}

export const isNotFound = (error: unknown): boolean => error instanceof KubeApiError && error.status === 404;
/** A server-side apply conflict with another field manager (409 with reason Conflict). */
export const isApplyConflict = (error: unknown): error is KubeApiError => error instanceof KubeApiError && error.status === 409 && error.reason === "Conflict";
