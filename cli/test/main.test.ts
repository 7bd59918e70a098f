import { describe, expect, it } from "vitest";
import { soakSeconds } from "../src/commands/bench";
import { commands, main } from "../src/main";
import { capture } from "./capture-io";

describe("starboard command line", () => {
  it.each([
    [["--help"], 0],
    [["help"], 0],
    [[], 2],
  ])("prints the command list for %j and exits %i", async (argv, code) => {
    const io = capture();
    expect(await main(argv, io)).toBe(code);
    const text = io.stdout.join("\n");
    for (const command of commands) expect(text).toContain(command.name);
  });

  it.each(commands.map((c) => [c.name]))("%s --help prints its usage", async (name) => {
    const io = capture();
    expect(await main([name, "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain(`starboard ${name}`);
  });

  it.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["bench", "--only", "nope"], 'unknown area "nope"'],
    [["bench", "--bogus"], "Unknown option '--bogus'"],
    [["bench", "--soak", "10"], '--soak must be a duration of at least 40s such as 10m or 90s (got "10")'],
    [["bench", "--soak", "5s"], "at least 40s"],
    [["bench", "--soak", "1m", "--only", "log"], "--soak runs alone"],
    [
      ["bench", "--platform-seconds", "5"],
      '--platform-seconds must be a whole number of at least 20 (got "5")',
    ],
    [["bench", "--platform-agents", "many"], "--platform-agents must be a whole number of at least 1"],
  ])("refuses %j with exit 2 and says why", async (argv, message) => {
    const io = capture();
    expect(await main(argv, io)).toBe(2);
    expect(io.stderr.join("\n")).toContain(message);
  });
});

describe("bench --soak durations", () => {
  it.each([
    ["10m", 600],
    ["90s", 90],
    ["1h", 3_600],
  ])("%s is %i seconds", (text, seconds) => {
    expect(soakSeconds(text)).toBe(seconds);
  });
});
