// A local osls plugin: before packaging, bundles the dashboard's front end (the same build the
// local server serves: src/runtime/dashboard/build-assets.ts) into dist/dashboard/assets.json,
// which the dashboard function's zip carries. Lambda has no esbuild to build it at cold start.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export const ASSETS_FILE = join("dist", "dashboard", "assets.json");

export default class DashboardAssets {
  constructor(serverless, _options, { log }) {
    const write = async () => {
      // Node 24 runs the TypeScript source as it is (type stripping): one build, not two.
      const { buildAssets } = await import("../../src/runtime/dashboard/build-assets.ts");
      const assets = await buildAssets();
      const file = join(serverless.serviceDir, ASSETS_FILE);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(assets));
      log.info(`Dashboard: ${ASSETS_FILE} (script ${Math.round(assets.js.length / 1024)} KB, styles ${Math.round(assets.css.length / 1024)} KB)`);
    };
    // `serverless package` and `deploy`, and `deploy function -f dashboard`, which packages one function.
    this.hooks = { "before:package:initialize": write, "before:deploy:function:packageFunction": write };
  }
}
