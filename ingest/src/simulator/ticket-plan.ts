import type { TicketEvent, TicketPriority } from "@starboard/core";
import { type Language, ticketNotes, topics } from "./phrases";
import type { ContactPlan } from "./plan";
import type { SimulatorProfile } from "./profile";
import type { Rng } from "./rng";

/** One ticket fact: the event model's type and data, `offsetSeconds` after the ticket was opened. */
export interface TicketStep {
  offsetSeconds: number;
  type: TicketEvent["type"];
  data: TicketEvent["data"];
}

const slaHours: Record<TicketPriority, number> = { urgent: 4, high: 8, normal: 24, low: 72 };
const HOUR = 3_600;

/**
 * Load mode's tickets live 1/100 of a real ticket's life (an SLA hour is 36 s). Real lives average
 * about 33 simulated hours (p99 about 150 h): at --speed 50 a 5-minute run is 4 simulated hours,
 * so every ticket it opened (~85 a wall second) stayed open, with its future steps, its SLA clock
 * and its alerts, and the open count grew for the whole run (about 25,000 at 5 minutes, towards a
 * steady 200,000 after a simulated day and a half). Scaled, the open count levels off at about
 * 2,000 within the first minute, and a load run sends every ticket step (resolved and closed too)
 * in its real proportions instead of mostly openings.
 */
export const loadTicketTimeScale = 0.01;

/** T-YYYYMMDD-NNNNNN in the center's local date. */
export function ticketNumber(profile: SimulatorProfile, atMs: number, seq: number): string {
  const local = new Date(atMs + profile.utcOffsetMinutes * 60_000).toISOString();
  return `T-${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}-${String(seq % 1_000_000).padStart(6, "0")}`;
}

/** The ticket a contact opens: its number, when, who took it, and the contact it came from. */
interface TicketOptions {
  number: string;
  openedAtMs: number;
  agentId: string | undefined;
  fromContactId: string | undefined;
}

/**
 * A ticket's life: opened (by the agent after a contact, or by the customer for email and web
 * forms), assigned, sometimes moved to another department, commented, resolved and closed.
 * `timeScale` (default 1) shrinks the whole life, SLA windows included, so reminders and breaches
 * keep their share: load mode's tickets (see loadTicketTimeScale).
 */
export function ticketSteps(
  rng: Rng,
  profile: SimulatorProfile,
  plan: ContactPlan,
  opts: TicketOptions & { timeScale?: number },
): TicketStep[] {
  const scale = opts.timeScale ?? 1;
  if (!(scale > 0 && scale <= 1))
    throw new RangeError(`ticketSteps: timeScale must be in (0, 1] (got ${String(opts.timeScale)})`);
  const steps = lifeOf(rng, profile, plan, opts, scale);
  if (scale === 1) return steps;
  // Millisecond steps: the plan draws whole seconds, which a scale of 1/100 would bunch together.
  return steps.map((step) => ({
    ...step,
    offsetSeconds: Math.round(step.offsetSeconds * scale * 1000) / 1000,
  }));
}

function lifeOf(
  rng: Rng,
  profile: SimulatorProfile,
  plan: ContactPlan,
  opts: TicketOptions,
  scale: number,
): TicketStep[] {
  const lang: Language = plan.language;
  const topic = topics[plan.topic];
  const priority: TicketPriority =
    plan.topic === "complaint"
      ? "urgent"
      : plan.tier === "vip"
        ? "high"
        : rng.pick(["low", "normal", "normal", "high"] as const);
  const department = profile.queues.find((q) => q.id === plan.queueId)?.department ?? "customer-service";
  const due = (offset: number) =>
    new Date(opts.openedAtMs + Math.round((offset + slaHours[priority] * HOUR) * scale * 1000)).toISOString();
  const ticketNumber = opts.number;
  const assignee = opts.agentId ?? rng.pick(profile.agents).id;
  const steps: TicketStep[] = [];
  const customer = {
    customerId: plan.customer.id,
    name: plan.customer.name,
    phone: plan.customer.phone,
    email: plan.customer.email,
  };
  const byAgent = opts.agentId !== undefined;
  steps.push({
    offsetSeconds: 0,
    type: "ticket.created",
    data: {
      ticketNumber,
      subject: `${topic.category[lang]}: ${topic.opening[lang][0] ?? ""}`.slice(0, 256),
      description: rng.pick(topic.opening[lang]),
      priority,
      department,
      dueAt: due(0),
      customer,
      openedBy: byAgent ? "agent" : "customer",
      ...(byAgent ? { openedByAgentId: opts.agentId } : {}),
      ...(opts.fromContactId === undefined ? {} : { fromContactId: opts.fromContactId }),
      categories: [topic.category[lang], plan.channel],
    },
  });
  let t = rng.int(60, 1_800);
  steps.push({
    offsetSeconds: t,
    type: "ticket.assigned",
    data: { ticketNumber, department, assigneeAgentId: assignee, assignedBy: "router" },
  });
  let current = department;
  if (rng.chance(0.3)) {
    const to = rng.pick(profile.departments.filter((d) => d !== department));
    t += rng.int(600, 4 * HOUR);
    steps.push({
      offsetSeconds: t,
      type: "ticket.moved",
      data: {
        ticketNumber,
        fromDepartment: department,
        toDepartment: to,
        reason: lang === "en" ? `needs ${to}` : `需要${to}处理`,
        movedBy: assignee,
        dueAt: due(t),
      },
    });
    current = to;
  }
  const comments = rng.int(1, 3);
  for (let i = 0; i < comments; i++) {
    t += rng.int(300, 3 * HOUR);
    const visibility = rng.chance(0.5) ? "internal" : "public";
    steps.push({
      offsetSeconds: t,
      type: "ticket.commented",
      data: {
        ticketNumber,
        commentId: `${ticketNumber}-c${i + 1}`,
        visibility,
        authorRole: "agent",
        authorId: assignee,
        text: rng.pick(ticketNotes[lang][visibility]),
      },
    });
  }
  if (rng.chance(0.05)) {
    steps.push({
      offsetSeconds: t + rng.int(60, HOUR),
      type: "ticket.closed",
      data: { ticketNumber, closedBy: "agent", reason: "duplicate" },
    });
    return steps;
  }
  // Some tickets miss their SLA: resolution time is spread around the due time.
  t += Math.round(rng.logNormal(slaHours[priority] * HOUR * 0.5, 0.8));
  steps.push({
    offsetSeconds: t,
    type: "ticket.resolved",
    data: {
      ticketNumber,
      resolvedByAgentId: assignee,
      resolution: rng.pick(topic.resolution[lang]),
      resolutionCode: current === department ? "fixed" : "fixed-by-other-team",
    },
  });
  steps.push({
    offsetSeconds: t + rng.int(HOUR, 24 * HOUR),
    type: "ticket.closed",
    data: { ticketNumber, closedBy: "system", reason: "resolved" },
  });
  return steps;
}
