import type { Server } from "node:http";
import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  OperationTypeNode,
  specifiedRules,
  validate,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { KeyRing, Principal } from "../auth/api-keys";
import { allows } from "../auth/role-matrix";
import type { ApiContext } from "../context";
import { apiError } from "../errors";
import { limitRule, type QueryLimits } from "../limits/query-limits";
import type { RateLimiter } from "../limits/rate-limit";
import type { FanOut } from "../live/fan-out";
import { type TopicName, topicNames } from "../live/topics";
import type { Services } from "../services/services";

export interface WsDeps {
  schema: GraphQLSchema;
  keys: KeyRing;
  services: Services;
  limiter: RateLimiter;
  limits: QueryLimits;
  fanOut: FanOut;
  /** A socket silent past this after opening (no connection_init) is closed with 4408. */
  initTimeoutMs: number;
  /** Ping period; a peer that did not answer the previous ping is dropped (a half-open TCP socket). */
  keepAliveMs: number;
}

function rootField(document: DocumentNode): string | undefined {
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION) {
      const first = d.selectionSet.selections[0];
      return first?.kind === Kind.FIELD ? first.name.value : undefined;
    }
  return undefined;
}

/**
 * graphql-ws on the same HTTP server and path. The key is checked once, in connection_init
 * (`{"authorization": "Bearer <key>"}`); subscriptions go to the fan-out, which re-checks the key
 * for every message; queries and mutations over the socket run like HTTP ones.
 */
export function attachWebSocket(server: Server, path: string, deps: WsDeps): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path, maxPayload: deps.limits.maxDocumentBytes * 4 });
  const principals = new WeakMap<object, Principal>();
  const disposable = useServer<Record<string, unknown>>(
    {
      schema: deps.schema,
      connectionInitWaitTimeout: deps.initTimeoutMs,
      onConnect: (ctx) => {
        const auth = ctx.connectionParams?.authorization;
        const principal = deps.keys.authenticate(typeof auth === "string" ? auth : undefined);
        if (principal === undefined) return false;
        principals.set(ctx.extra.socket, principal);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const principal = principals.get(ctx.extra.socket);
        if (principal === undefined) return [apiError("UNAUTHENTICATED", "connection is not authenticated")];
        if (!deps.limiter.take(principal.keyId))
          return [apiError("RATE_LIMITED", "too many requests for this key")];
        if (Buffer.byteLength(payload.query) > deps.limits.maxDocumentBytes)
          return [
            apiError(
              "DOCUMENT_TOO_LARGE",
              `the query document is larger than ${deps.limits.maxDocumentBytes} bytes`,
            ),
          ];
        return undefined;
      },
      validate: (schema, document) => validate(schema, document, [...specifiedRules, limitRule(deps.limits)]),
      context: (ctx): ApiContext => {
        const principal = principals.get(ctx.extra.socket);
        if (principal === undefined) throw apiError("UNAUTHENTICATED", "connection is not authenticated");
        return { principal, services: deps.services };
      },
      subscribe: (args) => {
        const field = rootField(args.document);
        const context = args.contextValue as ApiContext;
        if (field === undefined || !(topicNames as readonly string[]).includes(field))
          return { errors: [apiError("BAD_USER_INPUT", `unknown subscription ${field ?? ""}`)] };
        const entry = `Subscription.${field}`;
        // Refused here, before joining; the fan-out's shared execution runs the schema's guard as well.
        if (!allows(entry, context.principal.role))
          return { errors: [apiError("FORBIDDEN", `role ${context.principal.role} may not use ${entry}`)] };
        return deps.fanOut.join(field as TopicName, args, context);
      },
    },
    wss,
    deps.keepAliveMs,
  );
  // ws itself closes a socket with 1009 when a message passes maxPayload, then reports it as an
  // error; graphql-ws logs every socket error as an internal one. A client's oversized message is
  // the client's fault: keep graphql-ws's handling for real errors only (this listener runs after
  // useServer's, which registered its own per-socket handler).
  wss.on("connection", (socket) => {
    const theirs = socket.listeners("error");
    socket.removeAllListeners("error");
    socket.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") return;
      for (const listener of theirs) listener.call(socket, error);
    });
  });
  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
