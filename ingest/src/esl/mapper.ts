import { checkEventForPublish, type StarboardEvent } from "@starboard/core";
import { CallTable } from "./call-table";
import type { FsEvent } from "./frame-types";
import { parseMicros } from "./fs-time";
import { callcenterSubclass, mapCallcenter } from "./map-callcenter";
import {
  mapAnswer,
  mapBridge,
  mapCreate,
  mapExecute,
  mapHangupComplete,
  mapHold,
  mapRecord,
} from "./map-channel";
import { dlq, drop, type MapContext, type MapperOptions, type MapResult } from "./map-context";
import { closeVanished } from "./resync-close";

export type { MapperOptions, MapResult } from "./map-context";

const defaults: MapperOptions = { source: "esl", tenant: "default", ringTimeoutSeconds: 30 };

/**
 * FreeSWITCH events -> Starboard contact lifecycle events. Stateful (a hold needs to know the
 * connected agent), deterministic (same input, same ids), and total: every event is mapped,
 * dropped with a reason, or sent to the dead-letter topic with one.
 */
export class EslMapper {
  readonly options: MapperOptions;
  readonly calls = new CallTable();

  constructor(options: Partial<MapperOptions> = {}) {
    this.options = { ...defaults, ...options };
  }

  map(event: FsEvent): MapResult {
    const headers = event.headers;
    const name = headers.get("Event-Name");
    if (name === undefined) return dlq("event without Event-Name");
    const handler = handlers[name];
    if (handler === undefined) return drop(`${name} is not a contact event`);
    const micros = parseMicros(headers.get("Event-Date-Timestamp"));
    if (micros === undefined) {
      return dlq(
        `${name} without a valid Event-Date-Timestamp (${headers.get("Event-Date-Timestamp") ?? "missing"})`,
      );
    }
    const result = handler({ options: this.options, calls: this.calls, headers, micros });
    return result.kind === "ok" ? validated(result.events) : result;
  }

  /** After a resync: close the contacts FreeSWITCH no longer lists (see resync-close.ts). */
  closeVanished(listed: ReadonlySet<string>, atMicros: number): MapResult {
    return validated(closeVanished(this.calls, this.options, listed, atMicros));
  }
}

type Handler = (ctx: MapContext) => MapResult;

const handlers: Record<string, Handler | undefined> = {
  CHANNEL_CREATE: mapCreate,
  CHANNEL_ANSWER: mapAnswer,
  CHANNEL_EXECUTE: mapExecute,
  CHANNEL_BRIDGE: mapBridge,
  CHANNEL_HOLD: (ctx) => mapHold(ctx, true),
  CHANNEL_UNHOLD: (ctx) => mapHold(ctx, false),
  CHANNEL_HANGUP_COMPLETE: mapHangupComplete,
  RECORD_START: (ctx) => mapRecord(ctx, true),
  RECORD_STOP: (ctx) => mapRecord(ctx, false),
  CUSTOM: (ctx) =>
    ctx.headers.get("Event-Subclass") === callcenterSubclass
      ? mapCallcenter(ctx)
      : drop(`CUSTOM ${ctx.headers.get("Event-Subclass") ?? "?"} is not mapped`),
};

/**
 * A mapped event that fails its schema is our bug or odd input: dead-letter it with the path. The
 * events that pass go on as checked (checkEventForPublish): publishEvents does not check them again.
 */
function validated(events: StarboardEvent[]): MapResult {
  const checked: StarboardEvent[] = [];
  for (const event of events) {
    const check = checkEventForPublish(event);
    if (!check.ok) return dlq(`${event.type} ${check.error.path}: ${check.error.reason}`);
    checked.push(check.event);
  }
  return { kind: "ok", events: checked };
}
