import * as z from "zod";
import { normalizeRepository } from "../images/normalize-repository.ts";
import { tagPolicyConfigSchema } from "./tag-policy-config.ts";
import { writeSpecSchema } from "./write-spec.ts";

/**
 * One entry of `apps[].images`: which repository an app tracks, which tags it takes, where they
 * are written. `repository` comes out normalised, so it equals an event's or a job's repository
 * as is (nothing shows the spelling of sluice.yaml: messages and files get the normalised one).
 */
export const imageConfigSchema = z.object({
  repository: z.string().min(1),
  policy: tagPolicyConfigSchema,
  write: writeSpecSchema,
}).strict().transform((image) => ({ ...image, repository: normalizeRepository(image.repository) }));
