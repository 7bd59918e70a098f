/** One `starboard <name>` command: its help text and what it does; returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

export interface CommandIo {
  out(line: string): void;
  /** Progress and diagnostics: stderr, so `--json` output on stdout stays machine-readable. */
  err(line: string): void;
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Thrown for a bad command line; main prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
