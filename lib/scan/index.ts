import { createHash } from "node:crypto";
import { READERS } from "./readers";
import type { ArtifactFacts, ReadContext, ScanOutcome } from "./types";

export type * from "./types";

const HEAD_BYTES = 4096;

export function artifactFacts(name: string, bytes: Uint8Array): ArtifactFacts {
  return {
    name: name.split(/[\\/]/).pop() ?? name,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.byteLength,
  };
}

/** Find and read the signatures in one artifact. Files no reader recognises are unsigned. */
export async function scanArtifact(name: string, bytes: Uint8Array, context: ReadContext = {}): Promise<ScanOutcome> {
  const head = bytes.subarray(0, HEAD_BYTES);
  const reader = READERS.find((r) => r.recognises(name, head));
  if (!reader) return { kind: "unsigned", format: null, note: null };
  try {
    return await reader.read(name, bytes, context);
  } catch (error) {
    // readers should return malformed themselves; a throw is a reader bug, still not a crash
    const format = Array.isArray(reader.format) ? null : reader.format;
    return { kind: "malformed", format, reason: error instanceof Error ? error.message : String(error) };
  }
}
