import semver from "semver";

/**
 * A range as node-semver reads it, from the forms Flux and Argo CD Image Updater accept
 * (Masterminds/semver): a comma between comparators means AND there, as a space does here,
 * so `>=1.0,<2.0` is `>=1.0 <2.0`. Undefined when it is no range at all.
 */
export function semverRange(range: string): string | undefined {
  const spaced = range
    .split("||")
    .map((part) =>
      part
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean)
        .join(" "),
    )
    .join(" || ");
  return semver.validRange(spaced) === null ? undefined : spaced;
}
