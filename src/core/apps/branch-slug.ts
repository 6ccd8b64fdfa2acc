import { createHash } from "node:crypto";

const MAX = 63;

/**
 * A branch name as a DNS label: lower case, runs of anything but letters and digits as one `-`,
 * at most 63 characters. A name that had to be cut keeps a hash of the whole name at its end, so two
 * long branches that share a prefix get two slugs, and one branch always gets the same one.
 */
export function branchSlug(branch: string): string {
  const slug = branch.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "branch";
  if (slug.length <= MAX) return slug;
  const hash = createHash("sha256").update(branch).digest("hex").slice(0, 8);
  return `${slug.slice(0, MAX - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
