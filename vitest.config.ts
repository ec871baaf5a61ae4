import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure, fast, fixed clock) and `integration` (real SQLite, and PostgreSQL
// when TEST_POSTGRES_URL is set; real SMTP/HTTP servers on 127.0.0.1). Integration files end in
// .int.test.ts.
const alias = { "@": path.resolve(import.meta.dirname) };
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "scripts/**/*.test.ts", "eslint-rules/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          setupFiles: ["./lib/testing/setup-unit.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", "e2e/**"],
          setupFiles: ["./lib/testing/setup-unit.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // integration files each create their own databases; run them one file at a time to
          // keep the 2-core machine responsive
          fileParallelism: false,
        },
      },
    ],
  },
});
