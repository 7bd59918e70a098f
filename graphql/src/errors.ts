import { GraphQLError } from "graphql";

// One place for the codes in `extensions.code` (schema.graphql's ErrorCode lists the same names).

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "QUERY_TOO_DEEP"
  | "QUERY_TOO_COSTLY"
  | "DOCUMENT_TOO_LARGE"
  | "GRAPHQL_PARSE_FAILED"
  | "GRAPHQL_VALIDATION_FAILED"
  | "UPSTREAM_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

/** HTTP status for a request refused before GraphQL runs (written by the HTTP handler itself). */
export const httpStatusOf: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  DOCUMENT_TOO_LARGE: 413,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COSTLY: 400,
};

/** Errors inside GraphQL keep HTTP 200 (GraphQL over HTTP): the code says what went wrong. */
export function apiError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, argument?: string) =>
  apiError("BAD_USER_INPUT", message, argument === undefined ? {} : { argument });
