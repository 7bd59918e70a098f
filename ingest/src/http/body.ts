import type { IncomingMessage } from "node:http";
import { ok, refuse, type Step } from "./step";

/**
 * The body, up to `maxBytes` (413 as soon as the declared or received size passes it, without
 * buffering the rest) and within `timeoutMs` (408: a slow client must not hold a socket for ever).
 */
export function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Step<Buffer>> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > maxBytes) return Promise.resolve(refuse(413, "too-large", `body over ${maxBytes} bytes`));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (step: Step<Buffer>) => {
      clearTimeout(timer);
      req.removeAllListeners("data");
      resolve(step);
    };
    const timer = setTimeout(
      () => finish(refuse(408, "timeout", `body not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(refuse(413, "too-large", `body over ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => finish(ok(Buffer.concat(chunks))));
    req.on("error", () => finish(refuse(408, "timeout", "connection failed while reading the body")));
  });
}
