import type { KeyPath } from "./key-path.ts";

/** The inverse of `parseKeyPath`, for messages: `image.tag`, `containers[0].image`, `a["b.c"]`. */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (!/^[^.[\]\\"']+$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join("");
}
