import { cmsFileReader } from "./cms-file";
import { kernelModuleReader } from "./kmod";
import { peReader } from "./pe";
import { sigstoreReader } from "./sigstore";
import type { ArtifactReader } from "./types";
import { zipSignatureReader } from "./zip-signatures";

/**
 * Every artifact reader, in the order they are asked. Add a reader here (one line per
 * format module); the first whose `recognises` answers true reads the file.
 */
export const READERS: ArtifactReader[] = [
  sigstoreReader, // Sigstore bundles v0.1–v0.3 (JSON)
  cmsFileReader, // .p7s .p7m .p7 .sig (DER or PEM CMS)
  peReader, // Authenticode: MZ images, .exe .dll .sys .efi
  kernelModuleReader, // .ko with an appended signature
  zipSignatureReader, // .jar .apk .xpi .nupkg
];
