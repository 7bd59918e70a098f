// The running parts of `starboard start`, in the order they started, so they stop in reverse:
// sources first, then the consumers once they have caught up, then the stores.

import type { CommandIo } from "../command";

interface Part {
  name: string;
  stop: () => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Stack {
  private readonly parts: Part[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly io: CommandIo,
    /** Aborted (Ctrl+C during start-up): no further step starts, and the start fails. */
    private readonly abort?: AbortSignal,
  ) {}

  /** Runs one start step with its progress lines; what it returns is stopped by `stop`. */
  async start<T>(
    name: string,
    detail: string,
    run: () => Promise<T>,
    stop: (value: T) => Promise<void>,
  ): Promise<T> {
    if (this.abort?.aborted) throw new Error(`start interrupted before ${name}`);
    const began = Date.now();
    this.io.err(`starting ${name}: ${detail}`);
    let value: T;
    try {
      value = await run();
    } catch (error) {
      const hint = /EADDRINUSE/.test(message(error))
        ? " (the port is taken: choose another with --graphql-port/--chat-port/--tickets-port/--dashboard-port/--ops-port, 0 for any free port)"
        : "";
      throw new Error(`${name} did not start: ${message(error)}${hint}`, { cause: error });
    }
    this.parts.push({ name, stop: () => stop(value) });
    this.io.err(`  ${name} ready (${Date.now() - began} ms)`);
    return value;
  }

  /** A step that only runs on the way down (waiting for a consumer to catch up). */
  onStop(name: string, stop: () => Promise<void>): void {
    this.parts.push({ name, stop });
  }

  /** Stops everything in reverse order; a failing part is reported and the rest still stop. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const part of this.parts.splice(0).reverse()) {
        const began = Date.now();
        try {
          await part.stop();
          this.io.err(`  stopped ${part.name} (${Date.now() - began} ms)`);
        } catch (error) {
          this.io.err(`  ${part.name} did not stop cleanly: ${message(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}
