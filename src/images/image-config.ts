import { z } from "zod";
import { writeSpecSchema } from "../writeback/write-spec.ts";

const tagPolicySchema = z.object({
  semver: z.string().min(1),
  prerelease: z.boolean().default(false),
}).strict();

/** One entry of `apps[].images`: which repository an app tracks, which tags it takes, where they are written. */
export const imageConfigSchema = z.object({
  repository: z.string().min(1),
  policy: tagPolicySchema,
  write: writeSpecSchema,
}).strict();
