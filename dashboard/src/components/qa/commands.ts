"use client";

import { useCallback, useState } from "react";
import { useMutation } from "../../lib/hooks";
import type { MonitorSession } from "../../lib/live-types";

// Supervisor operations and their outcomes: every click leaves a line (what, on what, the switch's
// answer), so a QA reviewer sees at once whether the barge reached FreeSWITCH.

export interface Outcome {
  at: number;
  operation: string;
  target: string;
  status: "SUCCEEDED" | "FAILED" | "PENDING" | "ERROR";
  message: string | undefined;
  /** OperationError.code when the API refused or the switch did (worded by server-text.ts). */
  code?: string | undefined;
}

interface OperationResult {
  operation: string;
  status: "SUCCEEDED" | "FAILED" | "PENDING";
  commandId: string | null;
  error: { code: string; message: string } | null;
  monitor: MonitorSession | null;
}

const result =
  "operation status commandId error { code message } monitor { monitorId callId agentId mode supervisorEndpoint supervisor startedAt }";

export const documents = {
  monitorCall: `mutation($callId: ID!, $mode: MonitorMode!, $endpoint: String!) { r: monitorCall(callId: $callId, mode: $mode, supervisorEndpoint: $endpoint) { ${result} } }`,
  changeMonitorMode: `mutation($monitorId: ID!, $mode: MonitorMode!) { r: changeMonitorMode(monitorId: $monitorId, mode: $mode) { ${result} } }`,
  stopMonitor: `mutation($monitorId: ID!) { r: stopMonitor(monitorId: $monitorId) { ${result} } }`,
  takeOverCall: `mutation($callId: ID!, $endpoint: String!) { r: takeOverCall(callId: $callId, supervisorEndpoint: $endpoint) { ${result} } }`,
  forceHangup: `mutation($callId: ID!, $reason: String) { r: forceHangup(callId: $callId, reason: $reason) { ${result} } }`,
  setAgentState: `mutation($agentId: ID!, $state: AgentTargetState!, $reasonCode: String) { r: setAgentState(agentId: $agentId, state: $state, reasonCode: $reasonCode) { ${result} } }`,
} as const;

export type Operation = keyof typeof documents;

export function useCommands(onDone?: () => void) {
  const mutate = useMutation();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (operation: Operation, target: string, variables: Record<string, unknown>) => {
      setBusy(true);
      let outcome: Outcome;
      try {
        const { r } = await mutate<{ r: OperationResult }>(documents[operation], variables);
        outcome = {
          at: Date.now(),
          operation: r.operation,
          target,
          status: r.status,
          message: r.error?.message,
          code: r.error?.code,
        };
      } catch (err) {
        outcome = {
          at: Date.now(),
          operation,
          target,
          status: "ERROR",
          message: err instanceof Error ? err.message : String(err),
        };
      }
      setOutcomes((list) => [outcome, ...list].slice(0, 50));
      setBusy(false);
      onDone?.();
    },
    [mutate, onDone],
  );
  return { outcomes, busy, run };
}
