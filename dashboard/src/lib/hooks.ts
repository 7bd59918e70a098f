"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { gqlRequest } from "./gql";
import type { ConnectionState } from "./live";
import { useSession } from "./session";

export interface QueryState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** Runs a query when the variables change (or `skip` turns false); the latest answer wins. */
export function useQuery<T>(query: string, variables: Record<string, unknown>, skip = false): QueryState<T> {
  const { apiUrl, key } = useSession();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: !skip });
  const [round, setRound] = useState(0);
  const vars = JSON.stringify(variables);
  useEffect(() => {
    if (skip || key === undefined) return;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    // `round` re-runs the effect on reload().
    void round;
    gqlRequest<T>(apiUrl, key, query, JSON.parse(vars) as Record<string, unknown>, abort.signal).then(
      (data) => setState({ data, loading: false }),
      (err: unknown) => {
        if (!abort.signal.aborted)
          setState({ error: err instanceof Error ? err.message : String(err), loading: false });
      },
    );
    return () => abort.abort();
  }, [apiUrl, key, query, vars, skip, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Sends one mutation; the caller keeps the outcome. */
export function useMutation() {
  const { apiUrl, key } = useSession();
  return useCallback(
    async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      if (key === undefined) throw new Error("not signed in");
      return gqlRequest<T>(apiUrl, key, query, variables);
    },
    [apiUrl, key],
  );
}

// One clock for the whole page: a single interval drives every running "time in state" counter, so a
// thousand agent tiles cost one timer, not a thousand.
let now = Date.now();
const tickListeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

function subscribeTick(listener: () => void): () => void {
  tickListeners.add(listener);
  if (ticker === undefined)
    ticker = setInterval(() => {
      now = Date.now();
      requestAnimationFrame(() => {
        for (const l of tickListeners) l();
      });
    }, 1_000);
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && ticker !== undefined) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

export function useNow(): number {
  return useSyncExternalStore(
    subscribeTick,
    () => now,
    () => 0,
  );
}

const idle: ConnectionState = { phase: "connecting", lastHeardAt: null, lastDataAt: null };
const noop = () => () => {};

export function useConnectionState(): ConnectionState {
  const { live } = useSession();
  return useSyncExternalStore(live?.onChange ?? noop, live?.getState ?? (() => idle), () => idle);
}

/** Keeps the latest value of a callback without re-subscribing on every render. */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
