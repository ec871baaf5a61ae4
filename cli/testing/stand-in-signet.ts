import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { Io } from "../io";

// A stand-in Signet on 127.0.0.1 for the CLI's tests of commands that POST JSON to the API: it
// records what the command sent and answers what the test set. Registers its own start and stop.

export type StandInSignet = {
  answer: { status: number; body: unknown };
  received: { auth?: string; path?: string; body?: Record<string, unknown> };
  url: string;
};

export function standInSignet(answer: StandInSignet["answer"]): StandInSignet {
  const signet: StandInSignet = { answer, received: {}, url: "" };
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        signet.received = {
          auth: req.headers.authorization,
          path: req.url,
          body: JSON.parse(text) as Record<string, unknown>,
        };
        res
          .writeHead(signet.answer.status, { "content-type": "application/json" })
          .end(JSON.stringify(signet.answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    signet.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return signet;
}

/** An Io that keeps what the command printed. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), now: () => new Date() };
  return { value, out, err };
}
