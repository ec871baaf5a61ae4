import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure, fast, fixed clock) and `integration` (real SQLite, and PostgreSQL
// when TEST_POSTGRES_URL is set; real SMTP/HTTP servers on 127.0.0.1). Integration files end in
// .int.test.ts.
const alias = { "@": path.resolve(import.meta.dirname) };
export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default is one worker fewer than the cores, which is one on the 2-core machines
    // this runs on: the whole suite ran file after file while most files wait on PostgreSQL,
    // SQLite's fsync or a child server. Two workers, integration files included (each creates its
    // own databases; the few that start the app ask the kernel for free ports): 617 s for the
    // suite on SQLite and PostgreSQL (2,098 tests, all passing) against 1,632 s one file at a time
    // (that run beside two other agents' work, load 6–8; this one alone, load 4–5; the tests' own
    // time 1,084 vs 1,466 s). `npm test` builds the app first; a file that starts the app calls
    // buildIfNeeded too, which builds one at a time (a lock) when run alone after a change.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.tsx",
            "cli/**/*.test.ts",
            "scripts/**/*.test.ts",
            "eslint-rules/**/*.test.ts",
          ],
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
        },
      },
    ],
  },
});
