import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// Turns the paths a user typed into files to read. Folders are walked recursively in sorted
// order; symlinked folders are not followed (no loops). Shared by commands that take files.

export const MAX_INPUT_FILE_BYTES = 32 * 1024 * 1024;

export type InputFile = { path: string; bytes: Uint8Array } | { path: string; error: string };

export function* expandInputs(paths: readonly string[], opts: { maxBytes?: number } = {}): Generator<InputFile> {
  for (const path of paths) yield* expandOne(path, opts.maxBytes ?? MAX_INPUT_FILE_BYTES, true);
}

function* expandOne(path: string, maxBytes: number, isTopLevel: boolean): Generator<InputFile> {
  let stat;
  try {
    stat = isTopLevel ? statSync(path) : lstatSync(path);
  } catch (e) {
    yield { path, error: describeFsError(e) };
    return;
  }
  if (stat.isDirectory()) {
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch (e) {
      yield { path, error: describeFsError(e) };
      return;
    }
    let count = 0;
    for (const name of names) {
      for (const item of expandOne(join(path, name), maxBytes, false)) {
        count++;
        yield item;
      }
    }
    if (isTopLevel && count === 0) yield { path, error: "folder contains no files" };
    return;
  }
  if (!stat.isFile()) return; // sockets, devices, symlinks inside folders
  if (stat.size > maxBytes) {
    yield { path, error: `file is too large (${stat.size} bytes; the limit is ${maxBytes})` };
    return;
  }
  try {
    yield { path, bytes: new Uint8Array(readFileSync(path)) };
  } catch (e) {
    yield { path, error: describeFsError(e) };
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a folder";
  return `cannot read: ${code ?? (e as Error).message}`;
}
