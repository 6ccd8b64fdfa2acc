import type { Retry } from "../../core/errors/retry.ts";
import { retryForStatus } from "../../core/errors/retry-for-status.ts";

// The service account admission plugin refuses a Pod in a namespace whose service account the
// controller manager has not created yet: a 403 that passes within seconds of the namespace.
const SERVICE_ACCOUNT_PENDING = /error looking up service account [^:]+: serviceaccount "[^"]+" not found/;

/**
 * How an API server's refusal answers "retry?": 408, 429 (priority and fairness, after its
 * Retry-After) and 5xx pass; 409 passes when another writer came first, not when server-side apply
 * found another field manager's fields (that stands until someone forces); a 403 for a service
 * account not created yet passes; any other refusal stands.
 */
export function kubeRetry(status: number, message: string, causes: readonly { type?: string }[], retryAfterMs?: number): Retry {
  if (status === 409) return causes.some((c) => c.type === "FieldManagerConflict") ? "never" : "later";
  if (status === 403 && SERVICE_ACCOUNT_PENDING.test(message)) return "later";
  return retryForStatus(status, retryAfterMs);
}
