import * as z from "zod";
import { fieldsV1Schema, mergeFieldsV1 } from "./merge-fields-v1.ts";

const entrySchema = z.object({
  manager: z.string(),
  operation: z.string(),
  apiVersion: z.string().optional(),
  subresource: z.string().optional(),
  fieldsV1: fieldsV1Schema.optional(),
}).loose();
type Entry = z.infer<typeof entrySchema>;

/**
 * managedFields with the client-side managers' fields moved into `manager`'s Apply entry, as
 * kubectl's migration to server-side apply does (client-go util/csaupgrade): their Update entries
 * (main resource, same apiVersion) are unioned into it and dropped; with no such Apply entry yet,
 * the newest client-side entry becomes it. The next apply then owns, and so removes, whatever git
 * no longer has, the last-applied annotation included. Undefined when there is nothing to move.
 */
export function upgradeManagedFields(entries: readonly unknown[], clientSide: readonly string[], manager: string): unknown[] | undefined {
  const parsed = entries.map((e) => entrySchema.safeParse(e).data);
  const isClientSide = (e: Entry | undefined): e is Entry => !!e && e.operation === "Update" && !e.subresource && clientSide.includes(e.manager);
  if (!parsed.some(isClientSide)) return undefined;
  let index = parsed.findIndex((e) => e?.manager === manager && e.operation === "Apply" && !e.subresource);
  // The server lists the most recently written entry first.
  if (index < 0) index = parsed.findIndex(isClientSide);
  const base = parsed[index];
  if (!base) return undefined;
  let fields = base.fieldsV1 ?? {};
  for (const e of parsed) if (isClientSide(e) && e.apiVersion === base.apiVersion) fields = mergeFieldsV1(fields, e.fieldsV1 ?? {});
  const target = { ...base, manager, operation: "Apply", fieldsType: "FieldsV1", fieldsV1: fields };
  return entries.flatMap((raw, i) => (i === index ? [target] : isClientSide(parsed[i]) ? [] : [raw]));
}
