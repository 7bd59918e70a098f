import type { FsHeaders } from "./headers";

/** A FreeSWITCH event as carried by text/event-plain or text/event-json (or api/response of uuid_dump). */
export interface FsEvent {
  readonly headers: FsHeaders;
  /** The event's own body (`Content-Length` + text after the header block in plain, `_body` in JSON). */
  readonly body?: string;
}

interface FrameBase {
  /** Outer frame headers, e.g. Content-Type, Reply-Text, Job-UUID. */
  readonly headers: FsHeaders;
}

export type EslFrame =
  | (FrameBase & { readonly type: "auth/request" })
  | (FrameBase & { readonly type: "command/reply"; readonly replyText: string })
  | (FrameBase & { readonly type: "api/response"; readonly body: string })
  | (FrameBase & { readonly type: "text/event-plain"; readonly event: FsEvent })
  | (FrameBase & { readonly type: "text/event-json"; readonly event: FsEvent })
  | (FrameBase & { readonly type: "text/disconnect-notice"; readonly body: string })
  | (FrameBase & { readonly type: "log/data"; readonly body: string })
  /** A Content-Type we do not know: kept, so a newer FreeSWITCH does not break the stream. */
  | (FrameBase & { readonly type: "other"; readonly contentType: string; readonly body: string });

export type FrameErrorCode =
  | "garbage"
  | "truncated"
  | "header-too-large"
  | "body-too-large"
  | "bad-content-length"
  | "missing-content-type"
  | "invalid-json"
  | "malformed-event";

/** Why some bytes did not become a frame. The parser has already resynchronised when you see it. */
export class EslFrameError extends Error {
  override readonly name = "EslFrameError";
  constructor(
    readonly code: FrameErrorCode,
    message: string,
    /** The refused bytes (capped), for the dead-letter record. */
    readonly raw: Buffer,
  ) {
    super(message);
  }
}

/** One parse step: a frame, or a typed refusal of some bytes; the stream goes on either way. */
export type FrameResult =
  /** `raw`: the frame's bytes, when the parser's `keepRaw` asked for them. */
  { ok: true; frame: EslFrame; raw?: Buffer } | { ok: false; error: EslFrameError };
