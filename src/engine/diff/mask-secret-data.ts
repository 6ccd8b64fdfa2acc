/** What a Secret's value reads as in a diff: never its bytes. */
export const HIDDEN = "++++++++ (hidden)";
/** The other side's mask where the value differs, so the line shows as changed. */
export const HIDDEN_CHANGED = "++++++++ (hidden, changed)";

const SECRET_FIELDS = ["data", "stringData"] as const;
// kubectl's client-side apply copies the whole object, data included, into this annotation.
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Side = Record<string, unknown> | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A core-group Secret: the one kind whose values a diff must not show. */
export function isSecret(object: Side): boolean {
  return object?.["kind"] === "Secret" && object["apiVersion"] === "v1";
}

/**
 * Both sides of a diff with every Secret value replaced: an equal value masks alike on both sides,
 * a changed one differently, one on one side only shows there. Anything but a Secret passes as is.
 */
export function maskSecretData(before: Side, after: Side): { before: Side; after: Side } {
  if (!isSecret(before) && !isSecret(after)) return { before, after };
  const masked = { before: before && structuredClone(before), after: after && structuredClone(after) };
  for (const field of SECRET_FIELDS) maskMap(masked.before, masked.after, (o) => o[field], (o, v) => { o[field] = v; });
  const annotations = (o: Record<string, unknown>): unknown => (isRecord(o["metadata"]) ? o["metadata"]["annotations"] : undefined);
  const last = (o: Record<string, unknown>): unknown => {
    const a = annotations(o);
    return isRecord(a) && LAST_APPLIED in a ? { [LAST_APPLIED]: a[LAST_APPLIED] } : undefined;
  };
  maskMap(masked.before, masked.after, last, (o, v) => {
    const a = annotations(o);
    if (isRecord(a) && isRecord(v)) a[LAST_APPLIED] = v[LAST_APPLIED];
  });
  return masked;
}

function maskMap(before: Side, after: Side, read: (o: Record<string, unknown>) => unknown, write: (o: Record<string, unknown>, v: Record<string, string>) => void): void {
  const a = before ? read(before) : undefined;
  const b = after ? read(after) : undefined;
  const left = isRecord(a) ? a : {};
  const right = isRecord(b) ? b : {};
  const maskedLeft: Record<string, string> = {};
  const maskedRight: Record<string, string> = {};
  for (const key of Object.keys(left)) maskedLeft[key] = HIDDEN;
  for (const key of Object.keys(right)) {
    const same = key in left && JSON.stringify(left[key]) === JSON.stringify(right[key]);
    maskedRight[key] = same || !(key in left) ? HIDDEN : HIDDEN_CHANGED;
  }
  if (before && isRecord(a)) write(before, maskedLeft);
  if (after && isRecord(b)) write(after, maskedRight);
}
