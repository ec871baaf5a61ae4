// The one source of truth for the data model is prisma/schema.base.prisma. Each provider needs its
// own schema file (a Prisma schema has exactly one provider); they differ only in this header.
import fs from "node:fs";
import path from "node:path";

const HEADER = {
  sqlite: { provider: "sqlite", output: "../../lib/db/generated/sqlite" },
  postgres: { provider: "postgresql", output: "../../lib/db/generated/postgres" },
};

export function renderProviderSchemas(root) {
  const base = fs.readFileSync(path.join(root, "prisma/schema.base.prisma"), "utf8");
  return Object.entries(HEADER).map(([name, h]) => ({
    provider: name,
    file: path.join(root, "prisma", name, "schema.prisma"),
    content:
      `// GENERATED from prisma/schema.base.prisma by scripts/generate-client.mjs. Do not edit.\n` +
      `generator client {\n  provider = "prisma-client"\n  output   = "${h.output}"\n  moduleFormat = "esm"\n}\n\n` +
      `datasource db {\n  provider = "${h.provider}"\n}\n\n` +
      base,
  }));
}
