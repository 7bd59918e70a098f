// Service level, in the variants users bring from the systems they know. Each is a pure function of
// QueueCounts, so a queue's variant is a per-queue setting that recalculates history from stored
// counts. All return a fraction 0..1, or null when nothing was counted (no contacts: no service level).

import type { QueueCounts } from "./counts";
import { ratio } from "./ratio";

/**
 * Starboard's own (DESIGN.md): handled within T / (handled + abandoned after the short-abandon time).
 * Short abandons are neither good nor bad service; flow-outs are judged in the queue that took them.
 */
export function defaultServiceLevel(c: QueueCounts): number | null {
  return ratio(c.handledWithinThreshold, c.handled + c.abandoned - c.shortAbandoned);
}

/**
 * Amazon Connect "Service level X" (admin guide, metrics definitions: "Service level X" and
 * "Contacts removed from queue in X seconds"): contacts removed from the queue between 0 and X
 * seconds after joining it / contacts queued. Removed means answered by an agent, abandoned by the
 * customer, or moved to a callback — so a customer who hangs up within X counts as within target.
 * Contacts still waiting and contacts transferred out of the queue stay in the denominator only.
 */
export function amazonConnectServiceLevel(c: QueueCounts): number | null {
  return ratio(c.removedWithinThreshold, c.offered);
}

/** Genesys Cloud's three admin switches (Admin > Contact Center > Analytics). */
export interface GenesysServiceLevelOptions {
  /** "Include Flowouts in Calculation": adds flow-outs to the denominator. Default false. */
  includeFlowOuts?: boolean;
  /** "Include Short Abandons in Calculation": when false, subtracts short abandons. Default true. */
  includeShortAbandons?: boolean;
  /** "Include Abandons in Calculation": when false, subtracts abandons. Default true. */
  includeAbandons?: boolean;
}

/**
 * Genesys Cloud (help.mypurecloud.com, "Configure the service level calculation"):
 * (answered − answered that missed the target) / (answered + abandoned [+ flow-outs]
 * [− short abandons] [− abandons]). The defaults give the formula with no switch applied.
 * With abandons excluded, short abandons (a subset of abandons) are gone with them: they are not
 * subtracted a second time, as a literal reading of the two brackets together would do.
 */
export function genesysServiceLevel(c: QueueCounts, options: GenesysServiceLevelOptions = {}): number | null {
  const { includeFlowOuts = false, includeShortAbandons = true, includeAbandons = true } = options;
  const abandons = includeAbandons ? c.abandoned - (includeShortAbandons ? 0 : c.shortAbandoned) : 0;
  return ratio(c.handledWithinThreshold, c.handled + abandons + (includeFlowOuts ? c.flowedOut : 0));
}

/**
 * Asterisk app_queue ServicelevelPerf (queues.conf.sample): calls answered within the `servicelevel`
 * seconds / calls answered. Abandons do not count at all.
 */
export function asteriskServiceLevel(c: QueueCounts): number | null {
  return ratio(c.handledWithinThreshold, c.handled);
}

/**
 * Asterisk app_queue ServicelevelPerf2 (queues.conf.sample): (calls answered within threshold +
 * calls abandoned within threshold) / (answered calls + abandoned calls).
 */
export function asteriskServiceLevel2(c: QueueCounts): number | null {
  return ratio(c.handledWithinThreshold + c.abandonedWithinThreshold, c.handled + c.abandoned);
}

export const serviceLevelVariants = [
  "default",
  "amazon-connect",
  "genesys",
  "asterisk-sl",
  "asterisk-sl2",
] as const;

export type ServiceLevelVariantName = (typeof serviceLevelVariants)[number];

/** A queue's configured variant: the name, and for Genesys its switches. */
export type ServiceLevelVariant =
  | { variant: Exclude<ServiceLevelVariantName, "genesys"> }
  | ({ variant: "genesys" } & GenesysServiceLevelOptions);

/** The service level of `counts` under a queue's configured variant (default: Starboard's). */
export function serviceLevel(
  counts: QueueCounts,
  variant: ServiceLevelVariant = { variant: "default" },
): number | null {
  switch (variant.variant) {
    case "default":
      return defaultServiceLevel(counts);
    case "amazon-connect":
      return amazonConnectServiceLevel(counts);
    case "genesys":
      return genesysServiceLevel(counts, variant);
    case "asterisk-sl":
      return asteriskServiceLevel(counts);
    case "asterisk-sl2":
      return asteriskServiceLevel2(counts);
  }
}
