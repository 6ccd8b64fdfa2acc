import * as z from "zod";

/** Which part of the image a marked value holds, per Flux's setter semantics. */
export type SetterField = "image" | "tag" | "name" | "digest";

export interface SetterMarker {
  /** The marker value without its field suffix: `<app>:<image>` or `<namespace>:<policy>`. */
  readonly setter: string;
  readonly field: SetterField;
}

const markerSchema = z.union([z.object({ sluice: z.string() }), z.object({ $imagepolicy: z.string() })]);

/**
 * Parse a trailing comment such as `{"sluice": "web:api"}` or Flux's
 * `{"$imagepolicy": "flux-system:podinfo:tag"}`. No suffix means the value is
 * a whole image reference; `:tag`, `:name` and `:digest` mean that part only.
 */
export function parseSetterMarker(comment: string): SetterMarker | undefined {
  if (!comment.startsWith("{")) return undefined;
  const parsed = markerSchema.safeParse(parseJson(comment));
  if (!parsed.success) return undefined;
  const value = "sluice" in parsed.data ? parsed.data.sluice : parsed.data.$imagepolicy;
  const [first, second, suffix, ...rest] = value.split(":");
  if (!first || !second || rest.length > 0) return undefined;
  if (suffix === undefined) return { setter: value, field: "image" };
  const setter = `${first}:${second}`;
  return suffix === "tag" || suffix === "name" || suffix === "digest" ? { setter, field: suffix } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A comment that starts with "{" but is not JSON is an ordinary comment, not a marker.
    return undefined;
  }
}
