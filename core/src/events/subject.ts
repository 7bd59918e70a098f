import type { Subject } from "./envelope";
import type { EventParseError } from "./errors";

type SubjectField = "channel" | "contactId" | "agentId";
type Rule = "required" | "forbidden";

// Envelope key order, so the first reported problem is the one a reader meets first.
const fields: readonly SubjectField[] = ["channel", "contactId", "agentId"];

const rules: Readonly<Record<Subject, Partial<Record<SubjectField, Rule>>>> = {
  contact: { channel: "required", contactId: "required" },
  "contact-agent": { channel: "required", contactId: "required", agentId: "required" },
  agent: { channel: "forbidden", contactId: "forbidden", agentId: "required" },
  detached: { contactId: "forbidden", agentId: "forbidden" },
  open: {},
};

const why: Readonly<Record<Subject, string>> = {
  contact: "",
  "contact-agent": "",
  agent: "agent events are ordered per agent; name the contact in data",
  detached: "these are keyed by their data; name contacts and agents in data",
  open: "",
};

/** Checks the envelope subject fields against the rule registered for the type. */
export function checkSubject(
  subject: Subject,
  envelope: Readonly<Partial<Record<SubjectField, string>>>,
  type: string,
): EventParseError | undefined {
  const rule = rules[subject];
  for (const field of fields) {
    const present = envelope[field] !== undefined;
    if (rule[field] === "required" && !present) return { path: field, reason: `required for ${type}` };
    if (rule[field] === "forbidden" && present) {
      return { path: field, reason: `not allowed on ${type} (${why[subject]})` };
    }
  }
  return undefined;
}
