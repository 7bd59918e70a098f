// SIGINT/SIGTERM: the first asks for a clean stop; a second one exits at once (stuck shutdown).
// A repeat within two seconds of the first is not a person pressing Ctrl+C again: Apollo Server
// (inside @starboard/graphql) installs its own handlers, stops itself and re-sends the signal to the
// process, which would otherwise cut the clean stop short.

export interface SignalWait {
  promise: Promise<NodeJS.Signals>;
  dispose(): void;
}

export function untilSignal(onSecond: () => void): SignalWait {
  let receivedAt: number | undefined;
  let resolve!: (signal: NodeJS.Signals) => void;
  const promise = new Promise<NodeJS.Signals>((r) => {
    resolve = r;
  });
  const on = (signal: NodeJS.Signals) => {
    if (receivedAt !== undefined) {
      if (Date.now() - receivedAt < 2_000) return;
      onSecond();
      process.exit(130);
    }
    receivedAt = Date.now();
    resolve(signal);
  };
  process.on("SIGINT", on);
  process.on("SIGTERM", on);
  return {
    promise,
    dispose: () => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
    },
  };
}
