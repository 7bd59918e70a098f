import { ByteQueue } from "./byte-queue";
import { parseJsonEvent, parsePlainEvent } from "./event-body";
import { type EslFrame, EslFrameError, type FrameErrorCode, type FrameResult } from "./frame-types";
import { FsHeaders } from "./headers";

export interface FrameParserOptions {
  /** Largest Content-Length accepted; a bigger body is skipped (never buffered) and reported. */
  maxBodyBytes?: number;
  /** A header block longer than this without its blank line is garbage, not a frame in progress. */
  maxHeaderBytes?: number;
  /** Frames whose bytes should come with them (copied), e.g. command replies for another parser. */
  keepRaw?: (frame: EslFrame) => boolean;
}

export const defaultMaxBodyBytes = 4 * 1024 * 1024;
const defaultMaxHeaderBytes = 64 * 1024;
/** How much of refused input an error keeps for the dead-letter record. */
const maxRawBytes = 8 * 1024;
const headerName = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

interface PendingFrame {
  headers: FsHeaders;
  contentType: string;
  /** Relative to the queue's read position (the frame's first byte): the queue may compact. */
  headerBytes: number;
  length: number;
}

/**
 * Incremental event-socket frame parser (mod_event_socket.c writes every frame as headers, a blank
 * line, then `Content-Length` bytes of body). Bytes in, typed frames or typed refusals out; it
 * never throws on input and always resynchronises, so one bad frame costs one dead-letter record.
 */
export class EslFrameParser {
  private readonly queue = new ByteQueue();
  private readonly maxBody: number;
  private readonly maxHeader: number;
  private readonly keepRaw: ((frame: EslFrame) => boolean) | undefined;
  /**
   * Bytes after the read position already searched for the header terminator, so a slow header is
   * not rescanned. Relative, because appending may move the unread bytes to the buffer's start.
   */
  private scanned = 0;
  private pending: PendingFrame | undefined;
  /** Bytes of a refused oversized body still to discard as they arrive. */
  private skipping = 0;

  constructor(options: FrameParserOptions = {}) {
    this.maxBody = options.maxBodyBytes ?? defaultMaxBodyBytes;
    this.maxHeader = options.maxHeaderBytes ?? defaultMaxHeaderBytes;
    this.keepRaw = options.keepRaw;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.queue.length;
  }

  push(chunk: Uint8Array): FrameResult[] {
    const out: FrameResult[] = [];
    let data = chunk;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, data.length);
      this.skipping -= n;
      data = data.subarray(n);
    }
    if (data.length > 0) this.queue.append(data);
    for (;;) {
      const result = this.step();
      if (result === undefined) break;
      out.push(result);
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, this.queue.length);
        this.queue.consume(n);
        this.skipping -= n;
        this.scanned = 0;
      }
    }
    return out;
  }

  /** At end of stream: whatever is left is a truncated frame. */
  end(): FrameResult[] {
    const q = this.queue;
    this.skipLeadingNewlines();
    if (q.length === 0 && this.skipping === 0) return [];
    const raw = q.copy(q.start, Math.min(q.end, q.start + maxRawBytes));
    const missing = this.pending ? this.pending.headerBytes + this.pending.length - q.length : this.skipping;
    const message =
      q.length === 0
        ? `stream ended ${this.skipping} bytes into a refused body`
        : this.pending
          ? `stream ended ${missing} bytes short of a ${this.pending.contentType} body`
          : `stream ended inside a header block (${q.length} bytes)`;
    q.consume(q.length);
    this.pending = undefined;
    this.skipping = 0;
    this.scanned = 0;
    return [{ ok: false, error: new EslFrameError("truncated", message, raw) }];
  }

  private skipLeadingNewlines(): void {
    const q = this.queue;
    const bytes = q.bytes;
    let i = q.start;
    while (i < q.end && (bytes[i] === 10 || bytes[i] === 13)) i++;
    if (i > q.start) {
      q.consume(i - q.start);
      this.scanned = 0;
    }
  }

  private step(): FrameResult | undefined {
    const q = this.queue;
    if (this.pending !== undefined) return this.finishBody(this.pending);
    // Blank lines between frames are not frames (a capture may start with one; the disconnect
    // notice is followed by an extra newline).
    this.skipLeadingNewlines();
    if (q.length === 0) return undefined;
    const terminator = q.indexOf("\n\n", q.start + Math.max(this.scanned - 1, 0));
    if (terminator === -1) {
      this.scanned = q.length;
      if (q.length > this.maxHeader) {
        const lastLine = q.bytes.subarray(0, q.end).lastIndexOf(10);
        const drop = lastLine > q.start ? lastLine + 1 - q.start : q.length;
        return this.refuse("header-too-large", `no end of headers within ${this.maxHeader} bytes`, drop);
      }
      return undefined;
    }
    if (terminator - q.start > this.maxHeader) {
      // The limit holds however the bytes were read: a block that arrives whole in one big read
      // is as over-long as one trickling in (fuzzing found it accepted in the first case only).
      return this.refuse(
        "header-too-large",
        `header block of ${terminator - q.start} bytes is over the ${this.maxHeader}-byte limit`,
        terminator + 2 - q.start,
      );
    }
    const block = q.text(q.start, terminator, "latin1");
    const parsed = parseHeaderBlock(block);
    if (!parsed.ok) {
      return this.refuse(
        "garbage",
        `skipped ${parsed.skip} bytes that are not an event-socket frame`,
        parsed.skip,
      );
    }
    const headers = parsed.headers;
    const headerBytes = terminator + 2 - q.start;
    const contentType = headers.get("Content-Type");
    const lengthText = headers.get("Content-Length");
    let length = 0;
    if (lengthText !== undefined) {
      if (!/^\d{1,15}$/.test(lengthText.trim())) {
        return this.refuse("bad-content-length", `Content-Length ${JSON.stringify(lengthText)}`, headerBytes);
      }
      length = Number(lengthText.trim());
    }
    if (contentType === undefined) {
      const error = this.refuse("missing-content-type", "frame without Content-Type", headerBytes);
      this.skipping = length;
      return error;
    }
    if (length > this.maxBody) {
      const error = this.refuse(
        "body-too-large",
        `${contentType} body of ${length} bytes is over the ${this.maxBody}-byte limit`,
        headerBytes,
      );
      this.skipping = length;
      return error;
    }
    const pending: PendingFrame = { headers, contentType, headerBytes, length };
    this.pending = pending;
    return this.finishBody(pending);
  }

  private finishBody(p: PendingFrame): FrameResult | undefined {
    const q = this.queue;
    if (q.length < p.headerBytes + p.length) return undefined;
    const frameStart = q.start;
    const bodyEnd = frameStart + p.headerBytes + p.length;
    this.pending = undefined;
    const result = buildFrame(p.contentType, p.headers, q, frameStart + p.headerBytes, bodyEnd);
    const consumed = bodyEnd - frameStart;
    const raw = result.ok ? undefined : q.copy(frameStart, Math.min(bodyEnd, frameStart + maxRawBytes));
    const kept = result.ok && this.keepRaw?.(result.frame) === true ? q.copy(frameStart, bodyEnd) : undefined;
    q.consume(consumed);
    this.scanned = 0;
    if (result.ok)
      return kept === undefined
        ? { ok: true, frame: result.frame }
        : { ok: true, frame: result.frame, raw: kept };
    return { ok: false, error: new EslFrameError(result.code, result.reason, raw ?? Buffer.alloc(0)) };
  }

  private refuse(code: FrameErrorCode, message: string, bytes: number): FrameResult {
    const q = this.queue;
    const raw = q.copy(q.start, q.start + Math.min(bytes, maxRawBytes));
    q.consume(bytes);
    this.scanned = 0;
    return { ok: false, error: new EslFrameError(code, message, raw) };
  }
}

type HeaderBlock = { ok: true; headers: FsHeaders } | { ok: false; skip: number };

/**
 * Outer headers are `Name: value` and not url-encoded. A line that is not a header means we are
 * looking at garbage (the fsock capture has `uuid_transfer ` glued before `Content-Length: 720`):
 * skip everything up to the end of the block's last bad line, or up to the last word before its
 * first `: ` when that word is a header name, and let the caller retry with the lines after it.
 * One refusal per block: skipping a line at a time rescanned the rest of the block each time, so
 * a 64 KB block of short bad lines took seconds and made 30,000 dead letters (found by fuzzing).
 */
function parseHeaderBlock(block: string): HeaderBlock {
  const headers = new FsHeaders();
  let skip = 0;
  let pos = 0;
  while (pos <= block.length) {
    let eol = block.indexOf("\n", pos);
    if (eol === -1) eol = block.length;
    let line = block.slice(pos, eol);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const colon = line.indexOf(": ");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (headerName.test(name)) {
      if (skip === 0) headers.add(name, line.slice(colon + 2));
    } else {
      skip = Math.min(eol + 1, block.length);
      if (colon > 0) {
        const space = line.lastIndexOf(" ", colon - 1);
        if (space !== -1 && headerName.test(line.slice(space + 1, colon))) skip = pos + space + 1;
      }
    }
    pos = eol + 1;
  }
  return skip > 0 ? { ok: false, skip } : { ok: true, headers };
}

type Built = { ok: true; frame: EslFrame } | { ok: false; code: FrameErrorCode; reason: string };

function buildFrame(contentType: string, headers: FsHeaders, q: ByteQueue, from: number, to: number): Built {
  switch (contentType) {
    case "auth/request":
      return { ok: true, frame: { type: "auth/request", headers } };
    case "command/reply":
      return {
        ok: true,
        frame: { type: "command/reply", headers, replyText: headers.get("Reply-Text") ?? "" },
      };
    case "api/response":
    case "text/disconnect-notice":
    case "log/data":
      return { ok: true, frame: { type: contentType, headers, body: q.text(from, to) } };
    case "text/event-plain": {
      const parsed = parsePlainEvent(q.text(from, to));
      if (!parsed.ok) return { ok: false, code: "malformed-event", reason: parsed.reason };
      return { ok: true, frame: { type: contentType, headers, event: parsed.event } };
    }
    case "text/event-json": {
      const parsed = parseJsonEvent(q.text(from, to));
      if (!parsed.ok) return { ok: false, code: "invalid-json", reason: parsed.reason };
      return { ok: true, frame: { type: contentType, headers, event: parsed.event } };
    }
    default:
      return { ok: true, frame: { type: "other", contentType, headers, body: q.text(from, to) } };
  }
}
