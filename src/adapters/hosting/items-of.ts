import type { z } from "zod";
import { ChangeRequestError } from "./change-requests.ts";

/** Every item of a list answer parsed with `schema`; the first that does not fit names its place and each problem. */
export function itemsOf<T>(items: readonly unknown[], schema: z.ZodType<T>, what: string, endpoint: string): T[] {
  return items.map((item, i) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => `[${i}].${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ChangeRequestError(`${what}: unexpected answer: ${problems}`, { endpoint, retry: "never", cause: parsed.error });
  });
}
