// CI guard: one source for the schema, paired migration folders, and a migration for every change.
import { migrationPostgresUrl } from "../lib/db/migrate";
import { checkSchemaDrift } from "../lib/db/migrate/drift";

const problems = await checkSchemaDrift({ postgresUrl: migrationPostgresUrl(process.env) });
if (problems.length === 0) {
  console.log("schema: no drift (sqlite, postgres)");
} else {
  for (const problem of problems) {
    console.error(`schema drift: ${problem.message}`);
    if (problem.sql) console.error(problem.sql.replace(/^/gm, "    "));
  }
}
process.exit(problems.length === 0 ? 0 : 1);
