import type { FsEvent } from "../../src/esl/frame-types";
import { FsHeaders } from "../../src/esl/headers";

/** A FreeSWITCH event from a header table (test input; values already decoded). */
export function fsEvent(headers: Record<string, string>, body?: string): FsEvent {
  const h = new FsHeaders();
  for (const [name, value] of Object.entries(headers)) h.add(name, value);
  return body === undefined ? { headers: h } : { headers: h, body };
}
