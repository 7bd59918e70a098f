import type { CommandIo } from "../src/command";

/** A command's output as a user would see it: standard output and standard error kept apart. */
export function capture(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
