import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

// Webhook signing: `Signet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
// the scheme receivers verify with the snippet in docs/webhooks.md. The timestamp lets them
// refuse replays of an old delivery; the secret is per subscription.

export const SIGNATURE_HEADER = "signet-signature";
export const EVENT_ID_HEADER = "signet-event-id";
export const EVENT_TYPE_HEADER = "signet-event-type";
/** receivers should refuse signatures older than this (the docs' snippet does) */
export const SIGNATURE_TOLERANCE_S = 300;

export function signWebhookBody(secret: string, body: string, options: { now: Date }): string {
  const t = Math.floor(options.now.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/** The receiver's side (also what the docs show): true when the header signs this body recently. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  options: { now: Date; toleranceS?: number },
): boolean {
  const parts = new Map((header ?? "").split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(options.now.getTime() / 1000 - t) > (options.toleranceS ?? SIGNATURE_TOLERANCE_S)) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}

/** A new subscription secret, shown once: 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

// The secret at rest: AES-256-GCM under a key derived from the app secret (SIGNET_SECRET). HMAC
// needs the secret itself, so a hash will not do; encrypted, a copy of the database alone does
// not let anyone sign a delivery. Changing SIGNET_SECRET makes stored secrets unreadable: the
// subscriptions' secrets must then be rotated (docs/webhooks.md).

function keyFrom(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "signet", "webhook subscription secrets", 32));
}

export function encryptWebhookSecret(secret: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(appSecret), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(
    ".",
  );
}

export function decryptWebhookSecret(ciphertext: string, appSecret: string): string {
  const [version, iv, tag, data] = ciphertext.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("not an encrypted webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(appSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
