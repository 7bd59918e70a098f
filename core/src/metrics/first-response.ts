// Chat first response time: from the customer's first message to the first agent reply after it.

export interface TimedMessage {
  /** Epoch milliseconds. */
  at: number;
  senderRole: "customer" | "agent" | "bot" | "system";
}

/**
 * Seconds from the customer's first message to the first agent message at or after it; null when the
 * customer never wrote or no agent has replied yet (still waiting is not a response time of 0).
 * Bot and system messages are not responses — a bot greeting that "answers" in 1 s is Chatwoot's
 * known inflation of agent metrics (chatwoot#13312). An agent message before the customer's first
 * (proactive outreach) is not a reply either. Pass the messages of one opening of a conversation:
 * a reopened conversation measured from its first-ever message reports days (the other Chatwoot
 * complaint). Messages may come in any order.
 */
export function firstResponseSeconds(messages: readonly TimedMessage[]): number | null {
  let firstCustomer = Number.POSITIVE_INFINITY;
  for (const m of messages) {
    if (!Number.isFinite(m.at)) throw new RangeError(`message time is not a time: ${m.at}`);
    if (m.senderRole === "customer" && m.at < firstCustomer) firstCustomer = m.at;
  }
  if (firstCustomer === Number.POSITIVE_INFINITY) return null;
  let firstReply = Number.POSITIVE_INFINITY;
  for (const m of messages) {
    if (m.senderRole === "agent" && m.at >= firstCustomer && m.at < firstReply) firstReply = m.at;
  }
  return firstReply === Number.POSITIVE_INFINITY ? null : (firstReply - firstCustomer) / 1000;
}
