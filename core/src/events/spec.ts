import type { z } from "zod";
import type { SubjectOf } from "./envelope";

interface AnyEvent {
  type: string;
  version: number;
  data: unknown;
}

/** What the registry knows about one (type, version): its subject rule and its data schema. */
export interface EventSpec<E extends AnyEvent> {
  readonly subject: SubjectOf<E>;
  readonly data: z.ZodType<E["data"]>;
}

/**
 * type -> version -> spec, derived from the hand-written event types: a type or version without a
 * spec, or a spec whose schema or subject disagrees with its type, does not compile. A v2 is added
 * beside v1 by adding it to the event union.
 */
export type SpecTable<E extends AnyEvent> = {
  readonly [T in E["type"]]: {
    readonly [V in Extract<E, { type: T }>["version"]]: EventSpec<Extract<E, { type: T; version: V }>>;
  };
};
