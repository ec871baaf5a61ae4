import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

// A webhook receiver on 127.0.0.1 for tests: records every request, answers what `answer` says
// (200 by default), and can be stopped and started again on the same port (an outage).

export type ReceivedRequest = { headers: http.IncomingHttpHeaders; body: string; answeredWith: number };

export type WebhookReceiver = {
  url: string;
  port: number;
  received: ReceivedRequest[];
  answer: (req: ReceivedRequest) => number;
  stop(): Promise<void>;
  start(): Promise<void>;
};

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  let server: http.Server | null = null;
  const receiver: WebhookReceiver = {
    url: "",
    port,
    received: [],
    answer: () => 200,
    async start() {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const r: ReceivedRequest = {
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            answeredWith: 0,
          };
          r.answeredWith = receiver.answer(r);
          receiver.received.push(r);
          res.writeHead(r.answeredWith, { "content-type": "text/plain" }).end("ok");
        });
      });
      await new Promise<void>((resolve) => server!.listen(receiver.port, "127.0.0.1", resolve));
      receiver.port = (server.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await receiver.start();
  return receiver;
}

type Verify = (secret: string, rawBody: string, header: string | undefined, nowSeconds?: number) => boolean;

/** The verification snippet of docs/webhooks.md (the ```js verify-signature block), loaded as written. */
export async function loadDocumentedVerifier(): Promise<Verify> {
  const doc = fs.readFileSync(path.resolve("docs/webhooks.md"), "utf8");
  const code = /```js verify-signature\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!code) throw new Error("docs/webhooks.md has no ```js verify-signature block");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "signet-verify-")), "verify.mjs");
  fs.writeFileSync(file, code);
  const mod = (await import(/* @vite-ignore */ file)) as { verifySignetSignature: Verify };
  return mod.verifySignetSignature;
}
