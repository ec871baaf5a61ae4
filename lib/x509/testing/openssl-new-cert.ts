// Test support (unit tests and e2e specs alike, so no "@/" imports): a certificate made by openssl.
import { execFileSync } from "node:child_process";

/**
 * A self-signed certificate for a fresh P-256 key, from `openssl req -x509 -newkey`: the key goes
 * to `keyOut` (by default nowhere), the certificate PEM to `certOut` or, without it, is returned.
 */
export function opensslNewKeyCertificate({
  cn,
  days,
  keyOut = "/dev/null",
  certOut,
}: {
  cn: string;
  days: number;
  keyOut?: string;
  certOut?: string;
}): Buffer {
  return execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      keyOut,
      ...(certOut ? ["-out", certOut] : []),
      "-subj",
      `/CN=${cn}`,
      "-days",
      String(days),
      "-outform",
      "PEM",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
}
