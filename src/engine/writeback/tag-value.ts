import type { CurrentImage, NextImage } from "./write-target.ts";

/** Read a tag value that may carry its digest inline (`v1.2.3@sha256:…`, as bjw-s app-template values do). */
export function readTagValue(value: string): CurrentImage {
  const at = value.indexOf("@");
  const tag = at === -1 ? value : value.slice(0, at);
  const digest = at === -1 ? "" : value.slice(at + 1);
  return { ...(tag === "" ? {} : { tag }), ...(digest === "" ? {} : { digest }) };
}

/** The new tag value, with the digest inline where the old value had one or the policy pins digests. */
export function nextTagValue(current: string, next: NextImage): string {
  return (current.includes("@") || next.pin === true) && next.digest !== undefined ? `${next.tag}@${next.digest}` : next.tag;
}
