import type { z } from "zod";
import { HttpError } from "../http-error.ts";

// Fatal: bytes that are not UTF-8 are a malformed body, not text with replacement characters.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes a JSON body and checks it against a schema; anything else is a 400 with the reason. */
export function parseJsonBody<T>(body: Uint8Array, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(body));
  } catch (error) {
    throw new HttpError(400, `body is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw new HttpError(400, `body is not the expected payload: ${first.join("; ")}`);
  }
  return result.data;
}
