// The chat and ticket webhooks (signed HTTP, and the chat WebSocket stream).

import type { EventLog, RecognizeCustomer } from "@starboard/core";
import { createChatGateway, createTicketGateway, type WebhookGateway } from "@starboard/ingest";

export interface RunningGateway {
  gateway: WebhookGateway;
  url: string;
  port: number;
}

export async function startGateway(
  kind: "chat" | "tickets",
  options: {
    log: EventLog;
    secret: string;
    tenant: string;
    host: string;
    port: number;
    recognize?: RecognizeCustomer | undefined;
  },
): Promise<RunningGateway> {
  const settings = { log: options.log, secrets: [options.secret], tenant: options.tenant };
  const recognize = options.recognize === undefined ? {} : { recognize: options.recognize };
  const gateway =
    kind === "chat" ? createChatGateway({ ...settings, ...recognize }) : createTicketGateway(settings);
  const port = await gateway.listen(options.port, options.host);
  return { gateway, port, url: `http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${port}` };
}
