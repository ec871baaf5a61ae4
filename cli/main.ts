import { auditCommand } from "./commands/audit";
import { gateCommand } from "./commands/gate";
import { importCommand } from "./commands/import";
import { inspectCommand } from "./commands/inspect";
import { lintCommand } from "./commands/lint";
import { requestApprovalCommand } from "./commands/request-approval";
import { scanCommand } from "./commands/scan";
import { whoSignedCommand } from "./commands/who-signed";
import { EXIT, UsageError, type Command, type Io } from "./io";

// Subcommand dispatcher. A new command is a module in ./commands exporting a Command, added here.
export const COMMANDS: readonly Command[] = [
  inspectCommand,
  lintCommand,
  importCommand,
  auditCommand,
  gateCommand,
  requestApprovalCommand,
  scanCommand,
  whoSignedCommand,
];

export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: signet <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `signet <command> --help` for a command's options.",
  ].join("\n");
}

export async function runSignet(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(topLevelHelp());
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const target = name === "help" && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === "help" && rest[0] && !target) return unknownCommand(rest[0], io);
    io.stdout(target ? target.help : topLevelHelp());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return unknownCommand(name, io);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`signet ${command.name}: ${e.message}`);
      io.stderr("");
      io.stderr(command.help);
      return EXIT.usage;
    }
    throw e;
  }
}

function unknownCommand(name: string, io: Io): number {
  io.stderr(`signet: unknown command "${name}"`);
  io.stderr("");
  io.stderr(topLevelHelp());
  return EXIT.usage;
}
