import { execFileSync } from "node:child_process";
import { generateKeyPairSync, webcrypto } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificateFile } from "./parse-file";
import { PRIVATE_KEY_MESSAGE } from "./private-key";
import { ctx, int, octets, oid, seq } from "./testing/der-writer";
import { createTestRootCa, type TestCertificate } from "./testing/test-ca";
import type { ParseResult } from "./types";

// Keys here are throwaway ones generated inside the test; none is stored in the repository.

const enc = (s: string) => new TextEncoder().encode(s);
const pemOf = (der: Uint8Array, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END ${label}-----\n`;

let cert: TestCertificate;
let pkcs8: Uint8Array;
let tmp: string;

beforeAll(async () => {
  cert = await createTestRootCa();
  const extractable = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey("pkcs8", extractable.privateKey));
  tmp = mkdtempSync(join(tmpdir(), "signet-pk-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectRefused(r: ParseResult, secretParts: Uint8Array[] = []) {
  expect(r.hasPrivateKey).toBe(true);
  expect(r.certificates).toEqual([]);
  expect(r.errors).toEqual([{ code: "private-key-submitted", message: PRIVATE_KEY_MESSAGE }]);
  // nothing derived from the key bytes comes back
  const json = JSON.stringify(r);
  for (const part of secretParts) {
    const b64 = Buffer.from(part).toString("base64");
    expect(json).not.toContain(b64.slice(20, 60));
    expect(json).not.toContain(Buffer.from(part).toString("hex").slice(40, 100));
  }
}

describe("files holding a private key are refused as a whole", () => {
  it("uses the required wording", () => {
    expect(PRIVATE_KEY_MESSAGE).toBe(
      "this file contains a private key; Signet never accepts private keys — export only the certificate",
    );
  });

  it("PEM PRIVATE KEY (PKCS#8 from WebCrypto), alone and bundled with certificates", () => {
    const keyPem = pemOf(pkcs8, "PRIVATE KEY");
    expectRefused(parseCertificateFile(enc(keyPem)), [pkcs8]);
    expectRefused(parseCertificateFile(enc(cert.pem + keyPem + cert.pem)), [pkcs8]);
  });

  it("DER PKCS#8", () => {
    expectRefused(parseCertificateFile(pkcs8), [pkcs8]);
  });

  it("RSA, EC and encrypted PEM keys in every OpenSSL flavour", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const samples = [
      rsa.export({ type: "pkcs1", format: "pem" }) as string, // RSA PRIVATE KEY
      ec.export({ type: "sec1", format: "pem" }) as string, // EC PRIVATE KEY
      ec.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "x" }) as string, // ENCRYPTED PRIVATE KEY
      rsa.export({ type: "pkcs1", format: "pem", cipher: "aes-128-cbc", passphrase: "x" }) as string, // Proc-Type: 4,ENCRYPTED
    ];
    expect(samples.map((s) => /BEGIN ([A-Z ]+)-----/.exec(s)![1])).toEqual([
      "RSA PRIVATE KEY",
      "EC PRIVATE KEY",
      "ENCRYPTED PRIVATE KEY",
      "RSA PRIVATE KEY",
    ]);
    for (const s of samples) expectRefused(parseCertificateFile(enc(`${cert.pem}\n${s}`)));
  });

  it("DER PKCS#1, SEC1 and encrypted PKCS#8", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    const ec = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey;
    const ed = generateKeyPairSync("ed25519").privateKey;
    for (const der of [
      rsa.export({ type: "pkcs1", format: "der" }),
      ec.export({ type: "sec1", format: "der" }),
      ec.export({ type: "pkcs8", format: "der", cipher: "aes-256-cbc", passphrase: "x" }),
      ed.export({ type: "pkcs8", format: "der" }),
    ]) {
      expectRefused(parseCertificateFile(new Uint8Array(der)), [new Uint8Array(der)]);
    }
  });

  it("OpenSSH, PuTTY and PGP private key files", () => {
    const body = Buffer.from("openssh-key-v1\0 not a real key").toString("base64");
    expectRefused(
      parseCertificateFile(enc(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`)),
    );
    expectRefused(parseCertificateFile(enc("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n")));
    expectRefused(
      parseCertificateFile(enc("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxx\n-----END PGP PRIVATE KEY BLOCK-----\n")),
    );
  });

  it("a truncated private key block is still refused", () => {
    expectRefused(
      parseCertificateFile(
        enc(`${cert.pem}-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg`),
      ),
    );
  });

  it("a PKCS#8 key hidden under a CERTIFICATE label", () => {
    expectRefused(parseCertificateFile(enc(cert.pem + pemOf(pkcs8, "CERTIFICATE"))), [pkcs8]);
  });

  it("a real PKCS#12 (.p12/.pfx) made by openssl, in modern and legacy encryption", () => {
    const keyPem = pemOf(pkcs8, "PRIVATE KEY");
    writeFileSync(join(tmp, "k.pem"), keyPem);
    execFileSync(
      "openssl",
      ["req", "-x509", "-key", join(tmp, "k.pem"), "-out", join(tmp, "c.pem"), "-subj", "/CN=p12", "-days", "1"],
      { stdio: "pipe" },
    );
    for (const extra of [[], ["-legacy"], ["-nokeys"]]) {
      try {
        execFileSync(
          "openssl",
          [
            "pkcs12",
            "-export",
            "-in",
            join(tmp, "c.pem"),
            ...(extra[0] === "-nokeys" ? [] : ["-inkey", join(tmp, "k.pem")]),
            "-out",
            join(tmp, "b.p12"),
            "-passout",
            "pass:test",
            ...extra,
          ],
          { stdio: "pipe" },
        );
      } catch {
        if (extra[0] === "-legacy") continue; // the legacy provider is not installed everywhere
        throw new Error(`openssl pkcs12 ${extra.join(" ")} failed`);
      }
      // PKCS#12 is refused even when it only holds certificates: it is the format keys travel in
      expectRefused(parseCertificateFile(readFileSync(join(tmp, "b.p12"))));
    }
  });

  it("a minimal PFX-shaped structure, DER and BER", () => {
    const authSafe = seq(oid("1.2.840.113549.1.7.1"), ctx(0, true, octets(new Uint8Array(8))));
    expectRefused(parseCertificateFile(seq(int(3), authSafe)));
    const ber = Uint8Array.from([
      0x30,
      0x80,
      ...int(3),
      0x30,
      0x80,
      ...oid("1.2.840.113549.1.7.1"),
      0xa0,
      0x80,
      ...octets(new Uint8Array(8)),
      0,
      0,
      0,
      0,
      0,
      0,
    ]);
    expectRefused(parseCertificateFile(ber));
  });

  it("Java keystores (JKS and JCEKS magic)", () => {
    expectRefused(parseCertificateFile(Uint8Array.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 1])));
    expectRefused(parseCertificateFile(Uint8Array.from([0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2])));
  });

  it("does not mistake certificates, PKCS#7 bundles or public keys for private keys", async () => {
    expect(parseCertificateFile(cert.der).hasPrivateKey).toBe(false);
    expect(parseCertificateFile(enc(cert.pem)).hasPrivateKey).toBe(false);
    const spki = new Uint8Array(await webcrypto.subtle.exportKey("spki", cert.keyPair.keys.publicKey));
    expect(parseCertificateFile(enc(pemOf(spki, "PUBLIC KEY"))).hasPrivateKey).toBe(false);
    expect(parseCertificateFile(spki).hasPrivateKey).toBe(false);
  });
});
