import { readFile } from "node:fs/promises";
import * as z from "zod";
import type { DashboardAssets } from "../dashboard/dashboard-assets.ts";

const assetsSchema = z.object({ html: z.string().min(1), js: z.string().min(1), css: z.string().min(1) });

/**
 * The front end bundled at packaging (infra/aws/dashboard-assets.js writes it): Lambda has no
 * esbuild to build it at cold start. A missing or malformed file fails the cold start, naming it.
 */
export async function readDashboardAssets(file: URL): Promise<DashboardAssets> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new Error(`dashboard assets ${file.pathname} cannot be read (packaging writes them): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`dashboard assets ${file.pathname}: not JSON`, { cause: error });
  }
  const parsed = assetsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`dashboard assets ${file.pathname}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
