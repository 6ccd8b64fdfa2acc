// Debian's Chromium driven by playwright-core, for the dashboard's browser tests and benchmark.
// No browser is downloaded: the machine has no network beyond its package mirrors.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_SETUP_COMMAND = "bash test/harness/install-tools.sh chromium:chromium";

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic",
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Installs Debian's chromium when missing (as the harness installs its other tools); fails naming the command. */
async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  try {
    await promisify(execFile)("bash", ["test/harness/install-tools.sh", "chromium:chromium"], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${CHROMIUM} is missing and could not be installed; run: ${CHROMIUM_SETUP_COMMAND}`, { cause: error });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; run: ${CHROMIUM_SETUP_COMMAND}`);
}

/** A headless Chromium with a fresh profile, removed on close. */
export async function launchChromium(options: { colorScheme?: "light" | "dark" } = {}): Promise<Browser> {
  await ensureChromium();
  const profile = await mkdtemp(join(tmpdir(), "sluice-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
