// Business hours as written ("mon: 09:00-18:00") to the engine's form (day 1: [540, 1080]).

import type { BusinessHours } from "@starboard/core";
import { ConfigError } from "./errors";
import { type FileHours, weekdays } from "./file-types";

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `where` names the key for the error ("STARBOARD_CONFIG x.yaml: queues[0].hours.days.mon"). */
export function toBusinessHours(hours: FileHours, where: string): BusinessHours {
  const days: BusinessHours["days"] = {};
  weekdays.forEach((day, index) => {
    const range = hours.days[day];
    if (range === undefined) return;
    const [open, close] = range.split("-").map(minutes);
    if (open === undefined || close === undefined || close <= open || close > 24 * 60)
      throw new ConfigError(`${where}.days.${day}: "${range}" closes before it opens (or after 24:00)`);
    days[index as 0 | 1 | 2 | 3 | 4 | 5 | 6] = [open, close];
  });
  return {
    utcOffsetMinutes: hours.utcOffsetMinutes ?? 0,
    days,
    ...(hours.closedQueueId === undefined ? {} : { closedQueueId: hours.closedQueueId }),
  };
}
