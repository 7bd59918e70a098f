"use client";

import { memo } from "react";
import { formatDuration } from "../../lib/format";
import type { Agent } from "../../lib/live-types";
import { mayOverflow, type TileRoom } from "./text-fit";

/**
 * One agent; re-renders only when its own record changes (the page's useDomClock writes the clock).
 * The clock comes first so CSS can clip the id when the clock grows past "mm:ss" (data-wide).
 */
export const AgentTile = memo(function AgentTile({
  agent,
  label,
  room,
}: {
  agent: Agent;
  label: string;
  room: TileRoom;
}) {
  const since = Date.parse(agent.stateSince);
  // label: the reason when the agent is not ready (the platform's codes translated), else the state.
  const state = `${label}${agent.monitored ? " 🎧" : ""}`;
  return (
    <li className={`agent s-${agent.status}`} data-testid={`agent-${agent.id}`} data-status={agent.status}>
      <span className="agent-clock" data-since={since}>
        {formatDuration((Date.now() - since) / 1000)}
      </span>
      <span className={mayOverflow(agent.id, room.idPx, room.measure, true) ? "agent-id clip" : "agent-id"}>
        {agent.id}
      </span>
      <span className={mayOverflow(state, room.statePx, room.measure) ? "agent-state clip" : "agent-state"}>
        {state}
      </span>
    </li>
  );
});
