import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: [
      "core/**/*.test.ts",
      "connectors/**/*.test.ts",
      "mappings/**/*.test.ts",
      "cli/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
})
