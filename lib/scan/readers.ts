import { sigstoreReader } from "./sigstore";
import type { ArtifactReader } from "./types";

/**
 * Every artifact reader, in the order they are asked. Add a reader here (one line per
 * format module); the first whose `recognises` answers true reads the file.
 */
export const READERS: ArtifactReader[] = [sigstoreReader];
