import { parseArgs, type ParseArgsConfig } from "node:util";

// What a command may touch of the outside world; tests pass their own.
export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  now: () => Date;
}

export const processIo: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  now: () => new Date(),
};

/** Bad invocation: the dispatcher prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** node:util's parseArgs, with an unknown or malformed option turned into a UsageError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export interface Command {
  name: string;
  /** one line for `signet --help` */
  summary: string;
  /** full text for `signet <name> --help` */
  help: string;
  /** resolves to the process exit code */
  run: (args: string[], io: Io) => Promise<number>;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
