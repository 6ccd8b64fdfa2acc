import * as z from "zod";
import { tagPolicyConfigSchema } from "./tag-policy-config.ts";
import { writeSpecSchema } from "./write-spec.ts";

/** One entry of `apps[].images`: which repository an app tracks, which tags it takes, where they are written. */
export const imageConfigSchema = z.object({
  repository: z.string().min(1),
  policy: tagPolicyConfigSchema,
  write: writeSpecSchema,
}).strict();
