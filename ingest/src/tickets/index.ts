import { type GatewayOptions, WebhookGateway } from "../http/gateway";
import { mapTicketPayload } from "./map";

export { mapTicketPayload } from "./map";

/** The ticketing system's webhook: POST /tickets/events. */
export function createTicketGateway(
  options: Omit<GatewayOptions, "routes" | "source"> & { source?: string },
) {
  return new WebhookGateway({
    ...options,
    source: options.source ?? "ticket-gateway",
    routes: { "/tickets/events": mapTicketPayload },
  });
}
