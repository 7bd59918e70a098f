import { type GatewayOptions, WebhookGateway } from "../http/gateway";
import { mapChatPayload } from "./map";

export { mapChatPayload } from "./map";
export { type ChatPayload, chatPayload } from "./schema";

/** The chat platform's webhook (POST /chat/events) and its WebSocket stream (/chat/stream). */
export function createChatGateway(options: Omit<GatewayOptions, "routes" | "source"> & { source?: string }) {
  return new WebhookGateway({
    ...options,
    source: options.source ?? "chat-gateway",
    routes: { "/chat/events": mapChatPayload },
    sockets: { "/chat/stream": mapChatPayload },
  });
}
