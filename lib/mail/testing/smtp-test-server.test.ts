import net from "node:net";
import { afterEach, expect, it } from "vitest";
import { startSmtpTestServer, type SmtpTestServer } from "./smtp-test-server";

let smtp: SmtpTestServer | undefined;
afterEach(async () => {
  await smtp?.stop();
});

/** A sender that is killed mid-DATA: its connection resets while the server holds the reply. */
function resetMidData(port: number) {
  return new Promise<void>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.once("data", () => {
      socket.write("EHLO sender\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n");
      setTimeout(() => {
        socket.write("Subject: held\r\n\r\nbody\r\n.\r\n");
        setTimeout(() => {
          socket.resetAndDestroy();
          resolve();
        }, 100);
      }, 100);
    });
  });
}

// scripts/kill.int.test.ts kills a sender mid-DATA; a reset connection used to reach the test run
// as an uncaught ECONNRESET
it("notes a client's reset connection and serves on, instead of throwing it", async () => {
  smtp = await startSmtpTestServer();
  smtp.beforeAccept = () => new Promise(() => {});
  await resetMidData(smtp.port);
  await resetMidData(smtp.port);
  await expect.poll(() => smtp!.connectionErrors.length).toBe(2);
  expect(smtp.connectionErrors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(["ECONNRESET", "ECONNRESET"]);
  expect(smtp.received).toHaveLength(2);
});
