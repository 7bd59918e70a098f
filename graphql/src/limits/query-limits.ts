import {
  type ArgumentNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  OperationTypeNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { apiError } from "../errors";

export interface QueryLimits {
  /** Deepest selection allowed (a field inside a field inside... counts one per level). */
  maxDepth: number;
  /** Estimated cost: 1 per field, times the page size (`first`) of the list it sits in. */
  maxCost: number;
  /** Raw document size in bytes, checked before parsing. */
  maxDocumentBytes: number;
}

export const defaultQueryLimits: QueryLimits = { maxDepth: 10, maxCost: 200_000, maxDocumentBytes: 16_384 };

/**
 * Lists whose length the caller does not choose (no `first`): how long they usually are. A call's
 * monitors are a handful, a floor's agents a thousand (by parent type and field); anything else is
 * assumed 50 long. Fields that
 * are not lists count once, whatever their name.
 */
const expectedListSize: Readonly<Record<string, number>> = {
  "LiveContact.monitors": 3,
  "Agent.contacts": 3,
  // An agent's skills and the queues they open: a handful, not the 50 assumed for unknown lists.
  "Agent.skills": 10,
  "Agent.queueIds": 10,
  "LiveContactsUpdate.contacts": 500,
  "AgentStatesUpdate.agents": 1_000,
  "Queue.waitingContacts": 100,
  // A queue's required skills: one or two.
  "WaitReason.requirements": 5,
  "Customer.contacts": 100,
};
const unboundedListSize = 50;

/** A validation rule: depth and cost of the operation, fragments followed (cycles are already refused). */
export function limitRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    return {
      OperationDefinition(node) {
        const root =
          node.operation === OperationTypeNode.QUERY
            ? context.getSchema().getQueryType()
            : node.operation === OperationTypeNode.MUTATION
              ? context.getSchema().getMutationType()
              : context.getSchema().getSubscriptionType();
        const { depth, cost } = measure(node.selectionSet, root ?? undefined, fragments, 1, new Set());
        if (depth > limits.maxDepth)
          context.reportError(apiError("QUERY_TOO_DEEP", `query depth ${depth} exceeds ${limits.maxDepth}`));
        if (cost > limits.maxCost)
          context.reportError(
            apiError("QUERY_TOO_COSTLY", `query cost ${Math.round(cost)} exceeds ${limits.maxCost}`),
          );
      },
    };
  };
}

function measure(
  set: SelectionSetNode,
  parent: GraphQLCompositeType | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  depth: number,
  visiting: Set<string>,
): { depth: number; cost: number } {
  let deepest = depth - 1;
  let cost = 0;
  for (const s of set.selections) {
    let inner: { depth: number; cost: number } = { depth, cost: 0 };
    let multiplier = 1;
    let own = 0;
    if (s.kind === Kind.FIELD) {
      own = 1;
      const field =
        parent !== undefined && "getFields" in parent ? parent.getFields()[s.name.value] : undefined;
      const type = field === undefined ? undefined : getNullableType(field.type);
      // A page (`first`, given or its default) multiplies what is under it, `nodes` included.
      const defaultPage = field?.args.find((a) => a.name === "first")?.defaultValue;
      const page = pageSize(s.arguments ?? []) ?? (typeof defaultPage === "number" ? defaultPage : undefined);
      if (page !== undefined) multiplier = page;
      else if (type !== undefined && isListType(type) && s.name.value !== "nodes")
        multiplier = expectedListSize[`${parent?.name}.${s.name.value}`] ?? unboundedListSize;
      const named = field === undefined ? undefined : getNamedType(field.type);
      if (s.selectionSet !== undefined)
        inner = measure(
          s.selectionSet,
          isCompositeType(named) ? named : undefined,
          fragments,
          depth + 1,
          visiting,
        );
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(s.selectionSet, parent, fragments, depth, visiting);
    } else {
      const fragment = fragments.get(s.name.value);
      if (fragment === undefined || visiting.has(s.name.value)) continue;
      visiting.add(s.name.value);
      inner = measure(fragment.selectionSet, parent, fragments, depth, visiting);
      visiting.delete(s.name.value);
    }
    deepest = Math.max(deepest, inner.depth);
    cost += own + multiplier * inner.cost;
  }
  return { depth: deepest, cost };
}

function pageSize(args: readonly ArgumentNode[]): number | undefined {
  const first = args.find((a) => a.name.value === "first");
  if (first === undefined) return undefined;
  if (first.value.kind === Kind.INT) return Number(first.value.value);
  // A variable's value is unknown during validation: assume the largest page.
  return maxPageSize;
}

export const maxPageSize = 1_000;
