import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import type { KeyRing, Principal } from "../auth/api-keys";
import type { ApiContext } from "../context";
import { type ErrorCode, httpStatusOf } from "../errors";
import type { RateLimiter } from "../limits/rate-limit";
import type { Services } from "../services/services";

export interface HttpDeps {
  apollo: ApolloServer<ApiContext>;
  keys: KeyRing;
  services: Services;
  limiter: RateLimiter;
  maxDocumentBytes: number;
}

/** A refusal before GraphQL runs, in GraphQL's own error shape so every client can read it. */
function refuse(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(httpStatusOf[code] ?? 400, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** POST/GET /graphql through Apollo, with auth, the rate limit and the size limit in front of it. */
export async function handleGraphqlHttp(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const principal: Principal | undefined = deps.keys.authenticate(req.headers.authorization);
  if (principal === undefined) {
    refuse(res, "UNAUTHENTICATED", "missing or unknown API key: send Authorization: Bearer <key>", {
      "www-authenticate": "Bearer",
    });
    req.resume();
    return;
  }
  if (!deps.limiter.take(principal.keyId)) {
    refuse(res, "RATE_LIMITED", "too many requests for this key", {
      "retry-after": String(deps.limiter.retryAfterSeconds(principal.keyId)),
    });
    req.resume();
    return;
  }
  // The JSON envelope adds variables and quoting around the document: allow it some room.
  const limit = deps.maxDocumentBytes * 4;
  const declared = Number(req.headers["content-length"] ?? "0");
  const body = req.method === "POST" && !(declared > limit) ? await readBody(req, limit) : "";
  if (
    body === undefined ||
    declared > limit ||
    (url.searchParams.get("query")?.length ?? 0) > deps.maxDocumentBytes
  ) {
    // The rest of an oversized body is never read: close the connection after answering, or
    // node would read those bytes as the next request on a kept-alive socket.
    refuse(
      res,
      "DOCUMENT_TOO_LARGE",
      `the request is larger than this API accepts (${deps.maxDocumentBytes} bytes of query)`,
      body === undefined || declared > limit ? { connection: "close" } : {},
    );
    return;
  }
  let parsed: unknown = body;
  if (body !== "" && (req.headers["content-type"] ?? "").includes("application/json")) {
    try {
      parsed = JSON.parse(body);
    } catch {
      refuse(res, "BAD_USER_INPUT", "the request body is not valid JSON");
      return;
    }
  }
  const query =
    typeof parsed === "object" && parsed !== null ? (parsed as { query?: unknown }).query : undefined;
  if (typeof query === "string" && Buffer.byteLength(query) > deps.maxDocumentBytes) {
    refuse(res, "DOCUMENT_TOO_LARGE", `the query document is larger than ${deps.maxDocumentBytes} bytes`);
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body: parsed },
    context: async () => ({ principal, services: deps.services }),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
