import { type Command, type CommandIo, processIo, UsageError } from "./command";
import { benchCommand } from "./commands/bench";
import { customersCommand } from "./commands/customers";
import { eslEmulatorCommand } from "./commands/esl-emulator";
import { eslReplayCommand } from "./commands/esl-replay";
import { migrateCommand } from "./commands/migrate";
import { qaScanCommand } from "./commands/qa-scan";
import { simulateCommand } from "./commands/simulate";
import { staffingCommand } from "./commands/staffing";
import { startCommand } from "./commands/start";

export const commands: readonly Command[] = [
  startCommand,
  benchCommand,
  staffingCommand,
  migrateCommand,
  eslReplayCommand,
  eslEmulatorCommand,
  qaScanCommand,
  simulateCommand,
  customersCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "starboard: real-time contact-center supervision and analytics",
    "",
    "usage: starboard <command> [options]    (starboard <command> --help for a command's options)",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "environment: STARBOARD_DATA_DIR (default ./.starboard), STARBOARD_KAFKA_BROKERS, STARBOARD_CLICKHOUSE_URL",
  ].join("\n");
}

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`starboard: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.err(`starboard ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}
