import { z } from "zod";
import { idString, shortText, tags } from "../events/fields";

/**
 * One customer as the directory knows them: who they are, how to recognize them on an incoming
 * contact (phone numbers, chat or email identities), and what routing and agents should see.
 */
export interface CustomerRecord {
  id: string;
  name?: string;
  /** Numbers the customer calls from, any format; compared by digits (see phoneKey). */
  phones: string[];
  /** Chat visitor ids, app user ids, email addresses: compared exactly, case-insensitively. */
  identities: string[];
  /** A key of the routing config's tiers (vip, high-value, new...): priority points on every contact. */
  tier?: string;
  tags: string[];
  /** Free-form segment for reports (enterprise, retail...). */
  segment?: string;
}

export const customerRecordSchema = z.strictObject({
  id: idString,
  name: shortText(256).optional(),
  phones: z.array(shortText(32)).max(16),
  identities: z.array(shortText(256)).max(16),
  tier: shortText(32).optional(),
  tags,
  segment: shortText(64).optional(),
}) satisfies z.ZodType<CustomerRecord>;
