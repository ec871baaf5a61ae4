import nodemailer from "nodemailer";

// The one way Signet sends email: SMTP through nodemailer, configured by SMTP_URL. Services take
// a MailTransport so tests and scripts can pass their own (tests use a real local SMTP server).

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** a stable Message-ID, so a resend after a crash can be recognised as the same message */
  messageId?: string;
};

export type MailTransport = {
  send(mail: OutgoingMail): Promise<{ smtpMessageId: string | null }>;
  close(): void;
};

export type SmtpTransportOptions = {
  smtpUrl: string;
  from: string;
  /** parallel SMTP connections (default 4) */
  maxConnections?: number;
  /** connect/greeting/socket timeouts in ms (default 15 s) */
  timeoutMs?: number;
};

export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const timeout = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
      return { smtpMessageId: typeof info.messageId === "string" ? info.messageId : null };
    },
    close() {
      transporter.close();
    },
  };
}

export type MailErrorClass = { isPermanent: boolean; message: string };

type SmtpLikeError = { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

/**
 * Permanent: the server refused with a 5xx reply (bad address, policy) or the envelope itself is
 * invalid; retrying cannot help. Everything else (connection refused, timeouts, 4xx "try later",
 * authentication, which is a configuration problem an admin can fix) is temporary: retried with
 * backoff so a misconfiguration never loses mail.
 */
export function classifyMailError(error: unknown): MailErrorClass {
  const e = (error ?? {}) as SmtpLikeError;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  const text =
    typeof e.response === "string" && e.response
      ? e.response
      : typeof e.message === "string"
        ? e.message
        : String(error);
  const message = text.replace(/\s+/g, " ").trim().slice(0, 500);
  if (e.code === "EAUTH") return { isPermanent: false, message };
  if (responseCode !== null) return { isPermanent: responseCode >= 500, message };
  if (e.code === "EENVELOPE") return { isPermanent: true, message };
  return { isPermanent: false, message };
}
