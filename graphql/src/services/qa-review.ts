import { randomUUID } from "node:crypto";
import { type Channel, channels, type EventLog, publishEvents, type StarboardEvent } from "@starboard/core";
import type { QaFlagTarget } from "@starboard/sql";
import type { Principal } from "../auth/api-keys";
import { badInput } from "../errors";
import type { OperationResult, SupervisorService } from "./supervisor";

// A QA reviewer marks a flag confirmed or a false positive. The verdict is a qa.flag-reviewed event
// on the flag's contact (the warehouse keeps every verdict; reports take the latest), and the review
// is audited like other supervisor actions. The flag is looked up in the warehouse: a review is about
// a flag a reviewer saw in the QA console, which reads the same table.

export type QaVerdictName = "CONFIRMED" | "FALSE_POSITIVE";

export interface QaReviewArgs {
  flagId: string;
  verdict: QaVerdictName;
  note?: string | null;
}

export interface QaReviewDeps {
  log: EventLog;
  tenant: string;
  audit: SupervisorService["audit"];
  findFlag: (flagId: string) => Promise<QaFlagTarget | undefined>;
}

const maxNote = 4_000;
const verdictCode = { CONFIRMED: "confirmed", FALSE_POSITIVE: "false-positive" } as const;

const isChannel = (c: string): c is Channel => (channels as readonly string[]).includes(c);

function result(status: "SUCCEEDED" | "FAILED", error: OperationResult["error"]): OperationResult {
  return { operation: "REVIEW_QA_FLAG", status, commandId: null, error, monitor: null };
}

export async function reviewQaFlag(
  deps: QaReviewDeps,
  principal: Principal,
  args: QaReviewArgs,
): Promise<OperationResult> {
  const flagId = args.flagId.trim();
  if (flagId === "" || flagId.length > 128) throw badInput("flagId: 1 to 128 characters", "flagId");
  const note = args.note?.trim() ?? "";
  if (note.length > maxNote)
    throw badInput(`note: at most ${maxNote} characters (got ${note.length})`, "note");
  const verdict = verdictCode[args.verdict];
  const flag = await deps.findFlag(flagId);
  if (flag === undefined || !isChannel(flag.channel)) {
    const message =
      flag === undefined
        ? `no QA flag ${flagId}`
        : `QA flag ${flagId} has an unknown channel "${flag.channel}"`;
    await deps.audit(principal, "review-qa-flag", { outcome: "failed", reason: message });
    return result("FAILED", { code: "NOT_FOUND", message });
  }
  const event = {
    id: `qa-review-${randomUUID()}`,
    type: "qa.flag-reviewed",
    version: 1,
    time: new Date().toISOString(),
    tenant: deps.tenant,
    source: "graphql",
    contactId: flag.contactId,
    channel: flag.channel,
    ...(flag.agentId === "" ? {} : { agentId: flag.agentId }),
    data: { flagId, verdict, reviewerId: principal.keyId, ...(note === "" ? {} : { note }) },
  } satisfies StarboardEvent;
  await publishEvents(deps.log, [event]);
  await deps.audit(principal, "review-qa-flag", {
    outcome: "accepted",
    contactId: flag.contactId,
    channel: flag.channel,
    ...(flag.agentId === "" ? {} : { agentId: flag.agentId }),
    reason: `${verdict} ${flagId} (${flag.ruleId})`,
  });
  return result("SUCCEEDED", null);
}
