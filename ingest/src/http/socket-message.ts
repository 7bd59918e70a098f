import { z } from "zod";
import { parseJson } from "./json";
import { ok, refuse, type Step } from "./step";
import { firstIssue, requiredMessage } from "./zod-path";

/**
 * One socket message: the delivery id beside one payload, exactly what the webhook body would be.
 * Compiled (zod's generated fast path, as core's event schemas are); a message it refuses goes
 * through zod's interpreter, so the error is the one the declared schema gives.
 */
const socketMessage = z.compile(
  z.strictObject({
    deliveryId: z.string().min(1).max(128),
    event: z.unknown().refine((v) => v !== undefined, "required"),
  }),
);

export interface SocketMessage {
  deliveryId: string;
  event: unknown;
}

/** The raw text as a message, or a 400/422 refusal whose bytes go to the dead-letter topic. */
export function parseSocketMessage(raw: Buffer): Step<SocketMessage> {
  const json = parseJson(raw);
  if (json.kind === "refuse") return json;
  const parsed = socketMessage.safeParse(json.value, { error: requiredMessage });
  if (!parsed.success) {
    const { path, reason } = firstIssue(parsed.error);
    return refuse(422, "invalid-payload", reason, { path, deadLetter: true });
  }
  return ok({ deliveryId: parsed.data.deliveryId, event: parsed.data.event });
}

/** Best effort, for the answer to a message that did not parse: its id if it has one. */
export function deliveryIdOf(raw: Buffer): string | null {
  const match = /"deliveryId"\s*:\s*"([^"\\]{1,128})"/.exec(raw.toString("utf8"));
  return match?.[1] ?? null;
}
