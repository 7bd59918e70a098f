// SIGINT/SIGTERM: the first asks for a clean stop; a second one exits at once (stuck shutdown).

export interface SignalWait {
  promise: Promise<NodeJS.Signals>;
  dispose(): void;
}

export function untilSignal(onSecond: () => void): SignalWait {
  let received = false;
  let resolve!: (signal: NodeJS.Signals) => void;
  const promise = new Promise<NodeJS.Signals>((r) => {
    resolve = r;
  });
  const on = (signal: NodeJS.Signals) => {
    if (received) {
      onSecond();
      process.exit(130);
    }
    received = true;
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
