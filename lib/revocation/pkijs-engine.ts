// pkijs needs a WebCrypto engine; Node's own (node:crypto webcrypto) is set once on import.
import { webcrypto } from "node:crypto";
import * as pkijs from "pkijs";

let isReady = false;

export function ensurePkijsEngine(): typeof pkijs {
  if (!isReady) {
    pkijs.setEngine(
      "node-webcrypto",
      new pkijs.CryptoEngine({ name: "node-webcrypto", crypto: webcrypto as unknown as Crypto }),
    );
    isReady = true;
  }
  return pkijs;
}

ensurePkijsEngine();

export { pkijs };
