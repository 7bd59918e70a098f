import { parseArgs } from "node:util";
import { DemoTraffic, EslEmulator } from "@starboard/ingest";
import { type Command, UsageError } from "../command";

const scenarios = ["none", "demo"] as const;

/** Resolves on the first SIGINT or SIGTERM; the listeners go away with it so tests can run it twice. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

function number(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new UsageError(`--${flag} must be a number >= ${min} (got "${value}")`);
  return n;
}

export const eslEmulatorCommand: Command = {
  name: "esl-emulator",
  summary: "run a FreeSWITCH event socket (mod_event_socket emulator) for tests and demos",
  usage: `starboard esl-emulator [--port 8021] [--host 127.0.0.1] [--password ClueCon] [--scenario none|demo]
                       [--call-every <s>] [--speed <x>]

  --port <n>         TCP port (0 picks a free one; the chosen one is printed)
  --host <addr>      address to listen on (default 127.0.0.1)
  --password <pw>    event-socket password (default ClueCon)
  --scenario demo    play calls continuously: IVR, queue, agent, talk, hold, hang-up, abandons
  --call-every <s>   mean seconds between demo calls (default 8)
  --speed <x>        emulated seconds per real second in the demo (default 1)
  Runs until SIGINT or SIGTERM.`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "8021" },
        host: { type: "string", default: "127.0.0.1" },
        password: { type: "string", default: "ClueCon" },
        scenario: { type: "string", default: "none" },
        "call-every": { type: "string", default: "8" },
        speed: { type: "string", default: "1" },
      },
      strict: true,
    });
    const scenario = values.scenario;
    if (!(scenarios as readonly string[]).includes(scenario)) {
      throw new UsageError(`unknown scenario "${scenario}" (known: ${scenarios.join(", ")})`);
    }
    const port = number("port", values.port, 0);
    const demoOptions = {
      callEverySeconds: number("call-every", values["call-every"], 0.01),
      speed: number("speed", values.speed, 0.01),
    };
    // The clock starts at now so a demo's events land in today's reports.
    const emulator = new EslEmulator({ password: values.password, startMicros: Date.now() * 1000 });
    const stopped = untilSignal();
    const bound = await emulator.listen(port, values.host);
    const demo = scenario === "demo" ? new DemoTraffic(emulator.fs, demoOptions) : undefined;
    demo?.start();
    io.out(
      `FreeSWITCH event socket emulator listening on ${values.host}:${bound} (password ${values.password})`,
    );
    if (demo !== undefined) io.out(`demo scenario: a call about every ${demoOptions.callEverySeconds} s`);
    const signal = await stopped;
    demo?.stop();
    await emulator.close();
    io.err(`stopped on ${signal}${demo === undefined ? "" : ` after ${demo.calls} demo calls`}`);
    return 0;
  },
};
