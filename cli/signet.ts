// Entry point: `npx tsx cli/signet.ts ...`, `npm run signet -- ...` or the `signet` bin.
// @peculiar/x509 (used by some commands) needs the reflect polyfill before it loads.
import "reflect-metadata";
import { processIo } from "./io";
import { runSignet } from "./main";

// `signet inspect --json dir | head`: a closed pipe means the reader has had enough
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

runSignet(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `signet: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70; // EX_SOFTWARE: a bug, not bad input
  },
);
