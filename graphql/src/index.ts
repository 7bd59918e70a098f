// @starboard/graphql: the API everyone reaches Starboard through (schema.graphql is the contract).

export { type ApiKey, ApiKeyConfigError, keyIdOf, type Principal, parseApiKeys } from "./auth/api-keys";
export { allows, mask, maskedFields, maskedFor, roleMatrix } from "./auth/role-matrix";
export type { ErrorCode } from "./errors";
export { defaultQueryLimits, type QueryLimits } from "./limits/query-limits";
export { buildApiSchema, schemaPath } from "./schema";
export { type ApiServer, type ApiServerOptions, startApiServer } from "./server/start";
export type { CustomerLookup } from "./services/reports";
