import { defineConfig } from "vitest/config"

/** `npm run test:e2e`: esl against real Tryton and Vendure servers, which the global setup starts. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/globalSetup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Each file acts on the same two servers; one at a time keeps their data apart.
    fileParallelism: false,
  },
})
