import * as z from "zod";
import { HEALTH_STATUSES } from "../../engine/health/health-status.ts";

const one = z.string().min(1).max(200).optional();

/** The list's query string: filters (each optional, all must hold), a search and a page. */
export const listQuerySchema = z.object({
  cluster: one,
  namespace: one,
  sync: z.enum(["Synced", "OutOfSync", "Unknown"]).optional(),
  health: z.enum(HEALTH_STATUSES).optional(),
  appSet: one,
  /** `key=value`, or `key` for any value. */
  label: one,
  /** Case-insensitive words, each found in the name, app set, cluster, namespace, an image or the revision. */
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
}).strict();

export type ListQuery = z.infer<typeof listQuerySchema>;
