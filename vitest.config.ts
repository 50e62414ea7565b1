import { configDefaults, defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: [
      "core/**/*.test.ts",
      "connectors/**/*.test.ts",
      "mappings/**/*.test.ts",
      "cli/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    // The suites against real Tryton and Vendure servers run with `npm run test:e2e`.
    exclude: [...configDefaults.exclude, "test/e2e/**"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
})
