// The benchmarks' command-line options: `--name value`, each with a default.

/** The value after `--name` on the command line, or `fallback` when the option or its value is absent. */
export function benchArg(name: string, fallback: string, args: readonly string[] = process.argv.slice(2)): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}
