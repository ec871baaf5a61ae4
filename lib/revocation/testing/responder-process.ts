// Test responders in a child process, so a benchmark measures the checker and not the
// responders' signing on the same event loop (real responders are remote).
//   fork(this file, { execArgv: ["--import", "tsx"] }), send { type: "start", ... }
// Replies { type: "ready", responders, leaves } with leaves as base64 DER; on { type: "stats" }
// replies { type: "stats", maxConcurrent }; exits on "stop" or when the parent goes away.
import "reflect-metadata";
import { createKeyPool, generateBulkLeaves } from "@/lib/x509/testing/bulk-leaves";
import { startTestResponder, type TestResponder } from "./test-responder";

export type StartMessage = { type: "start"; responders: number; certs: number; delayMs: number; revokedEvery: number };
export type ReadyMessage = {
  type: "ready";
  responders: { caDerBase64: string; ocspUrl: string; crlUrl: string; host: string }[];
  leaves: { derBase64: string; serialHex: string; responder: number; hasOcsp: boolean }[];
};

let responders: TestResponder[] = [];

async function start(msg: StartMessage) {
  responders = await Promise.all(
    Array.from({ length: msg.responders }, () => startTestResponder({ delayMs: msg.delayMs })),
  );
  const keyPool = await createKeyPool(8);
  const leaves: ReadyMessage["leaves"] = [];
  const perResponder = Math.ceil(msg.certs / msg.responders);
  responders.forEach((r, ri) => {
    const count = Math.max(0, Math.min(perResponder, msg.certs - ri * perResponder));
    const crlOnly = Math.floor(count / 5);
    let offset = 0;
    for (const batch of [
      { n: count - crlOnly, hasOcsp: true },
      { n: crlOnly, hasOcsp: false },
    ]) {
      for (const leaf of generateBulkLeaves({
        issuer: r.ca,
        count: batch.n,
        keyPool,
        serialHex: (i) => `10${(ri * 1_000_000 + offset + i).toString(16).padStart(12, "0")}`,
        ocspUrls: batch.hasOcsp ? [r.ocspUrl()] : [],
        crlUrls: [r.crlUrl()],
      })) {
        r.register(leaf.serialHex);
        if (leaves.length % msg.revokedEvery === 0) {
          r.revoke(leaf.serialHex, { revokedAt: new Date(Date.now() - 86_400_000), reason: "keyCompromise" });
        }
        leaves.push({
          derBase64: Buffer.from(leaf.der).toString("base64"),
          serialHex: leaf.serialHex,
          responder: ri,
          hasOcsp: batch.hasOcsp,
        });
      }
      offset += batch.n;
    }
  });
  const ready: ReadyMessage = {
    type: "ready",
    responders: responders.map((r) => ({
      caDerBase64: Buffer.from(r.ca.der).toString("base64"),
      ocspUrl: r.ocspUrl(),
      crlUrl: r.crlUrl(),
      host: r.host,
    })),
    leaves,
  };
  process.send!(ready);
}

async function stop() {
  await Promise.all(responders.map((r) => r.close()));
  process.exit(0);
}

process.on("message", (msg: { type: string }) => {
  if (msg.type === "start") void start(msg as StartMessage);
  else if (msg.type === "stats")
    process.send!({
      type: "stats",
      maxConcurrent: Math.max(0, ...responders.map((r) => r.maxConcurrent())),
      cpuMs: Math.round(process.cpuUsage().user / 1000),
    });
  else if (msg.type === "stop") void stop();
});
process.on("disconnect", () => void stop());
