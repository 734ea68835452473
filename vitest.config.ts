import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    // tests/workers run inside workerd: vitest.workers.config.ts (npm run test:workers).
    exclude: [...configDefaults.exclude, "tests/workers/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // In CI a JSON report as well, from which .ci/run prints the plain "N passed, N failed" line.
    reporters:
      process.env.CI === "true"
        ? ["default", ["json", { outputFile: "test-results/vitest.json" }]]
        : ["default"],
  },
});
