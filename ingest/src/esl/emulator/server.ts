import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { corkForTurn } from "../../cork";
import { runApi } from "./commands";
import { FsSwitch, type SwitchOptions } from "./fs-switch";
import { commandReply, disconnectNotice, eventFrame, withBody } from "./render";
import { Subscription } from "./subscription";

export interface EmulatorOptions extends SwitchOptions {
  password?: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
}

/**
 * A FreeSWITCH event socket (mod_event_socket, inbound mode) over real TCP: auth/request on
 * connect, `auth`, `event plain|json`, `noevents`, `filter`, `myevents`, `api`, `bgapi` (Job-UUID
 * then BACKGROUND_JOB), `linger`, `exit` (+OK bye, text/disconnect-notice, close). Replies follow
 * mod_event_socket.c's texts; events come from the shared FsSwitch, so every connection sees them.
 */
export class EslEmulator {
  readonly fs: FsSwitch;
  private readonly password: string;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Command lines received after auth (api, bgapi, event...), newest last: what tests assert on. */
  readonly received: string[] = [];

  constructor(options: EmulatorOptions = {}) {
    this.fs = new FsSwitch(options);
    this.password = options.password ?? "ClueCon";
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(port = 0, host = "127.0.0.1"): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === "object" && address !== null ? address.port : port;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Bytes written to connections that the kernel has not taken yet (a reader that lags). */
  get buffered(): number {
    let bytes = 0;
    for (const socket of this.sockets) bytes += socket.writableLength;
    return bytes;
  }

  /** Writes bytes as they are to every connection: the bad-input tests' stray text and broken frames. */
  injectRaw(bytes: Buffer | string): void {
    for (const socket of this.sockets) if (!socket.destroyed) socket.write(bytes);
  }

  /** Cuts every connection without a goodbye, as a network failure would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const sub = new Subscription();
    let authed = false;
    let pending = "";
    const write = (bytes: Buffer) => {
      if (socket.destroyed) return;
      // The simulated clock fires its due events in one go: at load the write per frame took ~4% of
      // the load generator's thread.
      corkForTurn(socket);
      socket.write(bytes);
    };
    const unlisten = this.fs.onEvent((event) => {
      if (authed && sub.wants(event)) write(eventFrame(event.headers, sub.format, event.body));
    });
    const cleanup = () => {
      unlisten();
      this.sockets.delete(socket);
    };
    socket.on("close", cleanup);
    socket.on("error", cleanup);
    socket.on("data", (chunk) => {
      pending += chunk.toString("utf8");
      for (;;) {
        const end = pending.indexOf("\n\n");
        if (end === -1) break;
        const block = pending.slice(0, end).replace(/\r/g, "");
        pending = pending.slice(end + 2);
        const [line = "", ...headerLines] = block.split("\n");
        const headers = new Map(
          headerLines.map((h) => [
            h.slice(0, h.indexOf(":")).toLowerCase(),
            h.slice(h.indexOf(":") + 1).trim(),
          ]),
        );
        if (!authed) {
          if (line.startsWith("auth ") && line.slice(5).trim() === this.password) {
            authed = true;
            write(commandReply("+OK accepted"));
          } else if (line.startsWith("auth ")) {
            write(commandReply("-ERR invalid"));
            socket.end();
          } else {
            write(commandReply("-ERR command not found"));
          }
          continue;
        }
        this.command(line.trim(), headers, sub, write, socket);
      }
    });
    write(Buffer.from("Content-Type: auth/request\n\n"));
  }

  private command(
    line: string,
    headers: Map<string, string>,
    sub: Subscription,
    write: (b: Buffer) => void,
    socket: Socket,
  ): void {
    const [word = "", ...rest] = line.split(/\s+/);
    this.received.push(line);
    if (this.received.length > 1_000) this.received.shift();
    switch (word.toLowerCase()) {
      case "event": {
        const [format = "plain", ...names] = rest;
        const accepted = sub.subscribe(format.toLowerCase(), names);
        write(
          commandReply(
            accepted === undefined ? "-ERR invalid format" : `+OK event listener enabled ${accepted}`,
          ),
        );
        return;
      }
      case "noevents":
        sub.clear();
        write(commandReply("+OK no longer listening for events"));
        return;
      case "filter": {
        if (rest[0] === "delete" && rest[1] !== undefined) {
          sub.deleteFilter(rest[1], rest[2]);
          write(commandReply(`+OK filter deleted. [${rest[1]}][${rest[2] ?? ""}]`));
        } else if (rest[0] !== undefined && rest[1] !== undefined) {
          const value = rest.slice(1).join(" ");
          sub.addFilter(rest[0], value);
          write(commandReply(`+OK filter added. [${rest[0]}]=[${value}]`));
        } else write(commandReply("-ERR invalid syntax"));
        return;
      }
      case "myevents": {
        const uuid = rest[rest.length - 1];
        if (uuid === undefined || this.fs.channel(uuid) === undefined) {
          write(commandReply("-ERR invalid uuid"));
          return;
        }
        sub.subscribe(rest.length > 1 ? (rest[0] ?? "plain") : "plain", ["ALL"]);
        sub.addFilter("Unique-ID", uuid);
        write(commandReply("+OK Events Enabled"));
        return;
      }
      case "api":
        write(withBody("api/response", runApi(this.fs, rest.join(" "))));
        return;
      case "bgapi": {
        const jobUuid = headers.get("job-uuid") ?? randomUUID();
        const command = rest.join(" ");
        write(commandReply(`+OK Job-UUID: ${jobUuid}`, [["Job-UUID", jobUuid]]));
        // The job runs after the reply, in its own thread in FreeSWITCH.
        setImmediate(() => {
          const result = runApi(this.fs, command);
          this.fs.fire(
            "BACKGROUND_JOB",
            [
              ["Job-UUID", jobUuid],
              ["Job-Command", rest[0] ?? ""],
              ["Job-Command-Arg", rest.slice(1).join(" ")],
            ],
            { body: result },
          );
        });
        return;
      }
      case "linger":
        write(
          commandReply(
            rest[0] === undefined ? "+OK will linger" : `+OK will linger ${Number(rest[0])} seconds`,
          ),
        );
        return;
      case "nolinger":
        write(commandReply("+OK will not linger"));
        return;
      case "exit":
        write(commandReply("+OK bye"));
        write(disconnectNotice());
        socket.end();
        return;
      default:
        write(commandReply("-ERR command not found"));
    }
  }
}
