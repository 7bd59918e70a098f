import type { StarboardEvent } from "../../src/events/index";
import { type RouterOutput, type RoutingConfig, RoutingEngine } from "../../src/routing/index";

export function run(
  config: RoutingConfig,
  events: readonly StarboardEvent[],
): { engine: RoutingEngine; out: RouterOutput[] } {
  const engine = new RoutingEngine(config);
  const out: RouterOutput[] = [];
  for (const e of events) out.push(...engine.handle(e));
  return { engine, out };
}

/** [contact, agent, rule] of every assign decision, in order. */
export function assigns(out: readonly RouterOutput[]): [string, string, string][] {
  const list: [string, string, string][] = [];
  for (const e of out)
    if (e.type === "router.decision" && e.data.kind === "assign")
      list.push([e.contactId, e.data.agentId, e.data.rule]);
  return list;
}

export function decisions(out: readonly RouterOutput[], kind: string) {
  return out.flatMap((e) => (e.type === "router.decision" && e.data.kind === kind ? [e] : []));
}
