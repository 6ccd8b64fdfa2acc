import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/harness/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Integration files share one set of real services; run files one at a time.
    fileParallelism: false,
  },
});
