"use client";

import { useConnectionState } from "../lib/hooks";
import { useSession } from "../lib/session";

/** Live / reconnecting / stale since hh:mm:ss — never numbers that look live when they are not. */
export function ConnectionBadge() {
  const { t, fmt } = useSession();
  const state = useConnectionState();
  let label: string;
  if (state.phase === "live") label = t("live");
  else if (state.phase === "connecting") label = t("connecting");
  else if (state.phase === "reconnecting") label = t("reconnecting");
  else label = t("staleSince", { time: state.lastHeardAt === null ? "?" : fmt.time(state.lastHeardAt) });
  return (
    <span
      className={`badge conn-${state.phase}`}
      data-testid="connection"
      data-phase={state.phase}
      role="status"
    >
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
