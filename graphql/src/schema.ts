import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  buildSchema,
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  Kind,
} from "graphql";
import { allows, mask, maskedFields, maskedFor } from "./auth/role-matrix";
import type { ApiContext } from "./context";
import { apiError } from "./errors";
import { type ContactWaits, contactWaitFor } from "./live/topics";
import { mutationResolvers, queryResolvers, typeResolvers } from "./resolvers/query";
import { parseDateTime } from "./services/time-range";

/** Subscriptions read the fan-out's shared payload (the root value); one picks its own part of it. */
const subscriptionResolvers: Record<string, GraphQLFieldResolver<Record<string, unknown>, ApiContext>> = {
  contactWait: (root, args) => contactWaitFor(root.contactWait as ContactWaits, String(args.contactId)),
};

export const schemaPath = fileURLToPath(new URL("../schema.graphql", import.meta.url));

type Resolver = GraphQLFieldResolver<unknown, ApiContext>;

export interface SchemaHooks {
  /** Called when a role is refused a mutation, so the refusal is audited too. */
  onDenied?: (context: ApiContext, field: string, args: Record<string, unknown>) => Promise<void>;
}

/** schema.graphql with resolvers, the role guard on every entry point, and masking of personal data. */
export function buildApiSchema(hooks: SchemaHooks = {}): GraphQLSchema {
  const schema = buildSchema(readFileSync(schemaPath, "utf8"));
  setDateTime(schema.getType("DateTime"));
  const roots: [string, Record<string, Resolver>][] = [
    ["Query", queryResolvers as Record<string, Resolver>],
    ["Mutation", mutationResolvers as Record<string, Resolver>],
    ["Subscription", subscriptionResolvers as Record<string, Resolver>],
  ];
  for (const [typeName, resolvers] of roots) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const entry = `${typeName}.${fieldName}`;
      const inner = resolvers[fieldName] ?? defaultFieldResolver;
      field.resolve = async (parent, args, context: ApiContext, info) => {
        if (!allows(entry, context.principal.role)) {
          if (typeName === "Mutation") await hooks.onDenied?.(context, fieldName, args);
          throw apiError("FORBIDDEN", `role ${context.principal.role} may not use ${entry}`);
        }
        return inner(parent, args, context, info);
      };
    }
  }
  for (const [typeName, resolvers] of Object.entries(typeResolvers)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`schema has no type ${typeName}`);
    for (const [fieldName, resolve] of Object.entries(resolvers)) {
      const field = type.getFields()[fieldName];
      if (field === undefined) throw new Error(`schema has no field ${typeName}.${fieldName}`);
      field.resolve = resolve;
    }
  }
  for (const path of maskedFields) {
    const [typeName, fieldName] = path.split(".");
    const type = schema.getType(typeName ?? "");
    const field = type instanceof GraphQLObjectType ? type.getFields()[fieldName ?? ""] : undefined;
    if (field === undefined) throw new Error(`masked field ${path} is not in the schema`);
    const inner = field.resolve ?? defaultFieldResolver;
    field.resolve = async (parent, args, context: ApiContext, info) => {
      const value: unknown = await inner(parent, args, context, info);
      return typeof value === "string" && maskedFor.includes(context.principal.role) ? mask(value) : value;
    };
  }
  return schema;
}

function setDateTime(type: unknown): void {
  if (!(type instanceof GraphQLScalarType)) throw new Error("schema has no DateTime scalar");
  type.serialize = (value) => {
    if (typeof value === "string") return value;
    if (value instanceof Date) return value.toISOString();
    throw new GraphQLError("DateTime: not a date");
  };
  type.parseValue = (value) => {
    parseDateTime(value, "DateTime");
    return value;
  };
  type.parseLiteral = (ast) => {
    if (ast.kind !== Kind.STRING) throw apiError("BAD_USER_INPUT", "DateTime: expected a string");
    parseDateTime(ast.value, "DateTime");
    return ast.value;
  };
}
