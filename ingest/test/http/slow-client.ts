import { connect } from "node:net";

export interface Trickled {
  /** The server closed the connection. */
  closed: boolean;
  /** Bytes written before it did (all of them if it never did). */
  sent: number;
  total: number;
  /** What the server answered before closing, if anything. */
  answer: string;
}

/**
 * A slowloris client on a real socket: writes `text` one byte every `everyMs` and stops when the
 * server closes the connection. Resolves once closed, or `graceMs` after the last byte if the
 * server kept it open (then `closed` is false and the caller's assertion fails).
 */
export function trickle(port: number, text: string, everyMs: number, graceMs = 2_000): Promise<Trickled> {
  const bytes = Buffer.from(text, "latin1");
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let sent = 0;
    let answer = "";
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ closed, sent, total: bytes.length, answer });
    };
    socket.on("data", (d) => {
      answer += d.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => done(true));
    const tick = () => {
      if (socket.destroyed) return;
      if (sent === bytes.length) {
        timer = setTimeout(() => done(false), graceMs);
        return;
      }
      socket.write(bytes.subarray(sent, sent + 1));
      sent += 1;
      timer = setTimeout(tick, everyMs);
    };
    socket.once("connect", tick);
  });
}
