// Queries and mutations over plain fetch: a bearer key, JSON in and out, errors with their code.

export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "GraphqlError";
  }
}

interface Reply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gqlRequest<T>(
  url: string,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new GraphqlError(`cannot reach the API at ${url}: ${String(cause)}`, "UPSTREAM_UNAVAILABLE");
  }
  let body: Reply<T>;
  try {
    body = (await res.json()) as Reply<T>;
  } catch {
    throw new GraphqlError(
      `the API at ${url} answered HTTP ${res.status} without JSON`,
      "INTERNAL_SERVER_ERROR",
    );
  }
  const first = body.errors?.[0];
  if (first !== undefined)
    throw new GraphqlError(first.message, first.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (body.data === undefined || body.data === null)
    throw new GraphqlError(`the API answered HTTP ${res.status} with no data`, "INTERNAL_SERVER_ERROR");
  return body.data;
}
