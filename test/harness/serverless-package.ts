// Runs `serverless package` (osls) as a pipeline with no AWS account would, into a folder,
// and unpacks each function's zip inside the repo, where node finds the AWS SDK as the
// Lambda runtime provides it.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import extract from "extract-zip";

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

/** The dashboard's JWT authorizer needs an issuer and an audience: packaging alone fetches neither. */
export const DASHBOARD_PARAMS: Readonly<Record<string, string>> = { dashboardIssuer: "https://issuer.sluice.test", dashboardAudience: "sluice-dashboard" };

/** Packages the service with `configFile` (a path relative to the repo) and other parameters, and unpacks every function. */
export async function packageService(configFile: string, functions: readonly string[], params: Readonly<Record<string, string>> = DASHBOARD_PARAMS): Promise<Packaged> {
  const dir = join(PACKAGE_ROOT, "package");
  await rm(dir, { recursive: true, force: true });
  await promisify(execFile)("npx", ["serverless", "package", "--stage", "test", "--package", dir, `--param=configFile=${configFile}`, ...Object.entries(params).map(([k, v]) => `--param=${k}=${v}`)], {
    cwd: REPO,
    env: { ...withoutAws(process.env), SLS_TELEMETRY_DISABLED: "1" },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`serverless package failed: ${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
  });
  const unpacked = (fn: string) => join(PACKAGE_ROOT, "unpacked", fn);
  for (const fn of functions) {
    await rm(unpacked(fn), { recursive: true, force: true });
    await mkdir(unpacked(fn), { recursive: true });
    await extract(join(dir, `${fn}.zip`), { dir: unpacked(fn) });
  }
  const template = JSON.parse(await readFile(join(dir, "cloudformation-template-update-stack.json"), "utf8")) as CloudFormationTemplate;
  return { dir, template, unpacked };
}

/**
 * The environment with no way to reach AWS: no credentials, no profile files, no instance
 * metadata. An AWS call during packaging then fails it ("credentials not found").
 */
function withoutAws(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("AWS_")));
  const nowhere = join(PACKAGE_ROOT, "no-aws-config");
  return { ...kept, AWS_CONFIG_FILE: nowhere, AWS_SHARED_CREDENTIALS_FILE: nowhere, AWS_EC2_METADATA_DISABLED: "true" };
}
