// The lists' searches on an already seeded database (a copy of a cached bench seed from
// /tmp/signet-bench-seeds, or a PostgreSQL database), p50/p95/max per search. Run it on a copy
// migrated before and after a change to compare (alternate the runs on a shared machine).
//
//   cp /tmp/signet-bench-seeds/inventory-250000-<hash>.db /tmp/probe.db && npm run db:migrate (DATABASE_URL=file:/tmp/probe.db)
//   N=30 npx tsx scripts/bench/search-probe.ts file:/tmp/probe.db
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { createDb } from "@/lib/db/client";
import { listCertificatePage } from "@/lib/db/certificates/list";
import { listOwnerPage } from "@/lib/db/people/owners";
import { listSignerPage } from "@/lib/db/signers/list";
import {
  certificateFiltersSchema,
  ownerFiltersSchema,
  parseFilters,
  signerFiltersSchema,
} from "@/lib/domain/inventory-filters";

const ADMIN = { role: "admin" as const, personId: null };
const N = Number(process.env.N ?? 30);
const NOW = new Date();

async function time(name: string, fn: () => Promise<{ total: number }>) {
  const { total } = await fn();
  const xs: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const q = (p: number) => xs[Math.min(N - 1, Math.ceil(p * N) - 1)].toFixed(0);
  console.log(
    `${name.padEnd(40)} p50 ${q(0.5).padStart(5)}  p95 ${q(0.95).padStart(5)}  max ${q(1).padStart(5)} ms  (${total} rows)`,
  );
}

const db = createDb(process.argv[2]);
const certificates = (q: string) => () =>
  listCertificatePage(db, ADMIN, parseFilters(certificateFiltersSchema, { q }), NOW);
await time('certificates "build-1234" (bench)', certificates("build-1234"));
await time('certificates "build-12345"', certificates("build-12345"));
await time('certificates "9a:38:08:65" (sha256)', certificates("9a:38:08:65"));
await time('certificates "123456" (serial/sha256)', certificates("123456"));
await time('certificates "build-12" (over the id budget)', certificates("build-12"));
await time('signers "signer-1234"', () =>
  listSignerPage(db, ADMIN, parseFilters(signerFiltersSchema, { q: "signer-1234" })),
);
await time('owners "person12"', () =>
  listOwnerPage(db, ADMIN, parseFilters(ownerFiltersSchema, { q: "person12" }), NOW),
);
await db.$disconnect();
process.exit(0);
