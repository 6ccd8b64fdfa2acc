// Runs `serverless package` offline (osls) into a folder and unpacks each function's zip
// inside the repo, where node finds the AWS SDK as the Lambda runtime provides it.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import extract from "extract-zip";
import { startCloudFormationStub } from "./cloudformation-stub.ts";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PACKAGE_ROOT = join(REPO, ".serverless-test");

export interface Packaged {
  dir: string;
  template: CloudFormationTemplate;
  /** Folder holding a function's unpacked zip. */
  unpacked(fn: string): string;
}

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string; DependsOn?: unknown }>;
  Outputs?: Record<string, unknown>;
}

/** Packages the service with `configFile` (a path relative to the repo) and unpacks every function. */
export async function packageService(configFile: string, functions: readonly string[]): Promise<Packaged> {
  const dir = join(PACKAGE_ROOT, "package");
  await rm(dir, { recursive: true, force: true });
  const stub = await startCloudFormationStub();
  try {
    await promisify(execFile)("npx", ["serverless", "package", "--stage", "test", "--package", dir, `--param=configFile=${configFile}`], {
      cwd: REPO,
      env: { ...process.env, AWS_ACCESS_KEY_ID: "AKIAOFFLINE", AWS_SECRET_ACCESS_KEY: "offline", AWS_ENDPOINT_URL_CLOUDFORMATION: stub.endpoint, SLS_TELEMETRY_DISABLED: "1" },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`serverless package failed: ${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
  } finally {
    await stub.close();
  }
  const unpacked = (fn: string) => join(PACKAGE_ROOT, "unpacked", fn);
  for (const fn of functions) {
    await rm(unpacked(fn), { recursive: true, force: true });
    await mkdir(unpacked(fn), { recursive: true });
    await extract(join(dir, `${fn}.zip`), { dir: unpacked(fn) });
  }
  const template = JSON.parse(await readFile(join(dir, "cloudformation-template-update-stack.json"), "utf8")) as CloudFormationTemplate;
  return { dir, template, unpacked };
}
