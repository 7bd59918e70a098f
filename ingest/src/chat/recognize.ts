import type { RecognizeCustomer } from "@starboard/core";
import type { PayloadMapper } from "../http/step";

/**
 * Customer recognition on the chat path: a conversation that starts without a customer id (an
 * anonymous web visitor, an app user the platform knows only by its own id) is looked up in the
 * directory by its visitor identity. The result goes on contact.created itself, so a replay of the
 * log sees the same customer whatever the directory says later. An id the platform sent wins.
 */
export function recognizingCustomers(mapper: PayloadMapper, recognize: RecognizeCustomer): PayloadMapper {
  return (payload, context) => {
    const mapped = mapper(payload, context);
    if (mapped.kind !== "ok") return mapped;
    const events = mapped.events.map((event) => {
      if (event.type !== "contact.created" || event.data.customerId !== undefined) return event;
      const customer = recognize(event.data.from);
      if (customer === undefined) return event;
      const tier = customer.tier === undefined ? {} : { customerTier: customer.tier };
      return { ...event, data: { ...event.data, customerId: customer.id, ...tier } };
    });
    return { kind: "ok", events };
  };
}
