import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

// A real SMTP server on 127.0.0.1 for tests and the benchmark. It records what it accepts and
// can be told to refuse recipients with a given reply code (4xx: try later, 5xx: permanent).

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; messageId: string | null };

export type SmtpTestServer = {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** return a reply to refuse a recipient, or null to accept */
  onRecipient: (address: string) => { code: number; message: string } | null;
  /**
   * Runs once a message's DATA has arrived (it is already in `received`) and before the server
   * replies: a test holds the reply open here to kill the sender mid-send. Null: reply at once.
   */
  beforeAccept: ((mail: ReceivedMail) => Promise<void>) | null;
  /** the errors of clients' connections (e.g. ECONNRESET from a killed sender), in order */
  connectionErrors: Error[];
  stop(): Promise<void>;
};

export async function startSmtpTestServer(options: { port?: number } = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const handle: SmtpTestServer = {
    port: 0,
    url: "",
    received,
    onRecipient: () => null,
    beforeAccept: null,
    connectionErrors: [],
    stop: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // pooled senders keep connections open; do not wait for them on stop
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      const refusal = handle.onRecipient(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => parts.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(parts).toString("utf8");
        const headers = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
        const header = (name: string) => headers.match(new RegExp(`^${name}: (.*)$`, "mi"))?.[1]?.trim() ?? null;
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: header("Subject") ?? "",
          messageId: header("Message-ID"),
        };
        received.push(mail);
        if (!handle.beforeAccept) return callback();
        void handle.beforeAccept(mail).then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A client's connection failing (a sender killed mid-DATA resets it: ECONNRESET) is an event on
  // the server; as a real server does, note it and serve on. Without a listener Node throws it as
  // an uncaught exception into whichever test is running.
  server.on("error", (error) => handle.connectionErrors.push(error));
  handle.port = (server.server.address() as AddressInfo).port;
  handle.url = `smtp://127.0.0.1:${handle.port}`;
  handle.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return handle;
}
