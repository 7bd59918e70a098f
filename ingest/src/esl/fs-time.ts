// FreeSWITCH stamps every event with `Event-Date-Timestamp`, microseconds since the epoch
// (switch_event.c, switch_event_prep_for_delivery_detailed). Event time on the log comes from it,
// never from the ingesting clock, so a replayed capture lands at the time it happened.
// mod_callcenter's `CC-*-Time` headers are epoch seconds (local_epoch_time_now).

const digits = /^\d{1,17}$/;

export function parseMicros(value: string | undefined): number | undefined {
  if (value === undefined || !digits.test(value)) return undefined;
  const micros = Number(value);
  return micros > 0 ? micros : undefined;
}

/** ISO-8601 UTC with milliseconds (the log's only time format). */
export function microsToIso(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString();
}

export function parseEpochSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,12}$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds > 0 ? seconds : undefined;
}

/** A non-negative duration in seconds from two instants, rounded to milliseconds. */
export function secondsBetween(fromMicros: number, toMicros: number): number {
  return Math.max(0, Math.round((toMicros - fromMicros) / 1000) / 1000);
}
