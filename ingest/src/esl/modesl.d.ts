// The part of modesl 1.2.1 we use (it ships no types). Names from its lib/esl/Connection.js and
// Event.js; callbacks are queued FIFO and matched to replies in order.
declare module "modesl" {
  import type { Socket } from "node:net";

  export class Event {
    headers: { name: string; value: string }[];
    body: string;
    getHeader(name: string): string | null;
    getBody(): string;
    getType(): string | null;
  }

  export class Connection {
    constructor(host: string, port: number, password: string, ready?: () => void);
    socket: Socket | null;
    /** Its frame parser, made on connect; `_onData` takes raw socket bytes (what its data listener does). */
    parser?: { _onData(data: Buffer): void };
    authed: boolean;
    connected(): boolean;
    api(command: string, cb: (event: Event) => void): void;
    api(command: string, args: string | string[], cb: (event: Event) => void): void;
    bgapi(command: string, args: string | string[], cb: (event: Event) => void): void;
    /** Under the given Job-UUID; without a callback modesl waits for no BACKGROUND_JOB. */
    bgapi(command: string, args: string | string[], jobId: string, cb?: (event: Event) => void): void;
    events(type: "plain" | "json", events: string | string[], cb?: (event: Event) => void): void;
    filter(header: string, value: string, cb?: (event: Event) => void): void;
    disconnect(): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    once(event: string, listener: (...args: unknown[]) => void): this;
    removeAllListeners(event?: string): this;
  }

  const esl: { Connection: typeof Connection };
  export default esl;
}
