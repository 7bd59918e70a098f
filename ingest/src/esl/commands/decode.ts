import { decodeEventRecord, type LogRecord, type StarboardEvent } from "@starboard/core";
import type { EslCommand } from "./context";

export type DecodedCommand =
  | { kind: "ok"; command: EslCommand }
  | { kind: "drop"; reason: string }
  | { kind: "dlq"; reason: string };

/**
 * A record of the commands topic as a command this adapter executes. Unparseable bytes go to the
 * dead-letter topic; valid events meant for another adapter (assign-chat) are skipped.
 */
export function decodeCommand(record: LogRecord): DecodedCommand {
  const decoded = decodeEventRecord(record);
  if (!decoded.ok) return { kind: "dlq", reason: `${decoded.error.path}: ${decoded.error.reason}` };
  const event = decoded.event;
  if (event.type === "command.assign-chat")
    return { kind: "drop", reason: "chat commands are the chat gateway's" };
  if (!isEslCommand(event)) return { kind: "drop", reason: `${event.type} is not a command` };
  return { kind: "ok", command: event };
}

function isEslCommand(event: StarboardEvent): event is EslCommand {
  return event.type.startsWith("command.") && event.type !== "command.assign-chat";
}
