import { expect } from "@playwright/test";
import type { ReceivedMail, SmtpTestServer } from "../lib/mail/testing/smtp-test-server";

/** The text part of a received email, with quoted-printable soft breaks and escapes undone. */
export function bodyOf(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The first email the test's SMTP server received for `address` with a matching subject (waits up to 20 s). */
export async function waitForMail(smtp: SmtpTestServer, address: string, subject: RegExp): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(() => (found = smtp.received.find((m) => m.to.includes(address) && subject.test(m.subject))), {
      message: `email to ${address} matching ${subject}`,
      timeout: 20_000,
    })
    .toBeTruthy();
  return found!;
}
