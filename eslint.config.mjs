import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import signet from "./eslint-rules/index.mjs";

// Layer boundaries (docs/CONVENTIONS.md, "Boundaries and how they are kept"). Entries are resolved
// repository paths or package names; each covers what lies below it. See eslint-rules/.
const PRISMA = ["@prisma", "lib/db/generated"];
const onlyDbTouchesPrisma = "only lib/db talks to Prisma; call a repository function in lib/db";
const zones = [
  {
    // everything outside lib/db; the zones below repeat PRISMA because a file gets one set of options
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["lib/db/**"],
    options: { forbid: PRISMA, reason: onlyDbTouchesPrisma },
  },
  {
    // pure rules: deny by default. Today lib/domain needs nothing but zod; add a package here only
    // if it does no I/O (no fs, net, http, child_process, worker_threads, databases, mail, clock).
    files: ["lib/domain/**"],
    options: {
      allow: ["lib/domain", "zod", "@zxcvbn-ts", "vitest"],
      reason:
        "lib/domain is pure TypeScript without I/O (allowed: lib/domain, zod, @zxcvbn-ts, vitest in tests); callers pass data in",
    },
  },
  {
    files: ["components/**"],
    options: {
      forbid: [...PRISMA, "app"],
      reason: "components/ never imports app/ (routes use components, not the other way round)",
    },
  },
  {
    files: ["lib/db/**"],
    options: {
      forbid: ["lib/auth", "lib/services", "lib/api", "app", "components"],
      reason: "lib/db is the bottom layer: it may not import lib/auth, lib/services, lib/api, app or components",
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
  },
  {
    // lib/domain/zod.ts installs the application's wording for zod's issues before any schema exists;
    // a schema built on "zod" itself could be parsed before that module ran and answer zod's defaults.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/domain/zod.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "zod", allowTypeImports: true, message: "import { z } from lib/domain/zod (its messages)" }],
          patterns: [{ group: ["zod/*"], allowTypeImports: true, message: "import { z } from lib/domain/zod" }],
        },
      ],
    },
  },
  ...zones.map(({ files, ignores, options }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    plugins: { signet },
    rules: { "signet/import-boundaries": ["error", options] },
  })),
  {
    // Type-aware, so only here: a Prisma call is recognised by the type of what is called, however
    // the variable is named. Tests that check stored state (*.int.test.ts, lib/testing) may read
    // the database directly, and so may the seeding helpers under lib/**/testing/ and scripts/bench/.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/db/**", "**/*.int.test.ts", "lib/**/testing/**", "scripts/bench/**"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { signet },
    rules: { "signet/no-prisma-outside-db": "error" },
  },
);
