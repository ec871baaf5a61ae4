import importBoundaries from "./import-boundaries.mjs";
import noPrismaOutsideDb from "./no-prisma-outside-db.mjs";

// The project's own lint rules (see docs/CONVENTIONS.md, "Boundaries and how they are kept").
export default {
  meta: { name: "eslint-plugin-signet" },
  rules: { "import-boundaries": importBoundaries, "no-prisma-outside-db": noPrismaOutsideDb },
};
