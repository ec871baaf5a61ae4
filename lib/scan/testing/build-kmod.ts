// Kernel-module signature trailers as scripts/sign-file writes them: module ‖ PKCS#7 ‖
// struct module_signature ‖ magic.
import type { TestCertificate } from "@/lib/x509/testing/test-ca";
import { signCms, type TestHash } from "./sign-cms";

const MAGIC = new TextEncoder().encode("~Module signature appended~\n");
const INFO_SIZE = 12;
const PKEY_ID_PKCS7 = 2;

/** Signs as sign-file does by default (detached, no certificate, no signed attributes) and appends it. */
export async function signKernelModule(
  module: Uint8Array,
  signer: TestCertificate,
  opts: { hash?: TestHash } = {},
): Promise<Uint8Array> {
  const pkcs7 = await signCms({
    content: module,
    signer,
    encapsulate: "none",
    certificates: [],
    hasSignedAttributes: false,
    hash: opts.hash,
  });
  return appendModuleSignature(module, pkcs7);
}

/** Appends a module signature trailer : module ‖ PKCS#7 ‖ info ‖ magic. */
export function appendModuleSignature(module: Uint8Array, pkcs7: Uint8Array): Uint8Array {
  const info = new Uint8Array(INFO_SIZE);
  info[2] = PKEY_ID_PKCS7;
  new DataView(info.buffer).setUint32(8, pkcs7.length, false);
  const out = new Uint8Array(module.length + pkcs7.length + INFO_SIZE + MAGIC.length);
  out.set(module);
  out.set(pkcs7, module.length);
  out.set(info, module.length + pkcs7.length);
  out.set(MAGIC, module.length + pkcs7.length + INFO_SIZE);
  return out;
}
