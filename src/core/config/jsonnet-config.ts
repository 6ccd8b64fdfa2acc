import * as z from "zod";

// Jsonnet's identifiers: what `std.extVar` and a top-level function's parameters can name.
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a jsonnet identifier (letters, digits, '_', not starting with a digit)");

/** A top-level argument or external variable, as Argo CD writes it: a string, or jsonnet code when `code`. */
const variableSchema = z.strictObject({
  name: identifier,
  value: z.string(),
  code: z.boolean().default(false),
});

/**
 * `directory.jsonnet`, Argo CD's shape: top-level arguments and external variables given to every
 * `.jsonnet` file of the folder, and library folders (relative to the repository's root) searched
 * by `import` after the app's own folder.
 */
const strictSchema = z.strictObject({
  tlas: z.array(variableSchema).default([]),
  extVars: z.array(variableSchema).default([]),
  libs: z.array(z.string().min(1)).default([]),
}).superRefine((jsonnet, ctx) => {
  for (const key of ["tlas", "extVars"] as const) {
    const seen = new Set<string>();
    jsonnet[key].forEach((v, i) => {
      if (seen.has(v.name)) ctx.addIssue({ code: "custom", path: [key, i, "name"], message: `${v.name} is given twice` });
      seen.add(v.name);
    });
  }
});

/**
 * The same, its every problem non-fatal: inside the union of render kinds, a fatal one (a missing
 * `value`) would leave only "render must be one of …"; this way each is listed with its path.
 */
export const jsonnetConfigSchema = z.unknown().transform((value, ctx): z.infer<typeof strictSchema> => {
  const parsed = strictSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, continue: true });
  return z.NEVER;
});

export type JsonnetConfig = z.output<typeof jsonnetConfigSchema>;
