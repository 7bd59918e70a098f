import type { RecognizeCustomer } from "@starboard/core";
import { type GatewayOptions, WebhookGateway } from "../http/gateway";
import { mapChatPayload } from "./map";
import { recognizingCustomers } from "./recognize";

export { mapChatPayload } from "./map";
export { type ChatPayload, chatPayload } from "./schema";

export interface ChatGatewayOptions extends Omit<GatewayOptions, "routes" | "sockets" | "source"> {
  source?: string;
  /** The customer directory's look-up, for conversations that start without a customer id. */
  recognize?: RecognizeCustomer;
}

/** The chat platform's webhook (POST /chat/events) and its WebSocket stream (/chat/stream). */
export function createChatGateway({ recognize, ...options }: ChatGatewayOptions) {
  const mapper = recognize === undefined ? mapChatPayload : recognizingCustomers(mapChatPayload, recognize);
  return new WebhookGateway({
    ...options,
    source: options.source ?? "chat-gateway",
    routes: { "/chat/events": mapper },
    sockets: { "/chat/stream": mapper },
  });
}
