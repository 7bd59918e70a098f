"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useDomClock } from "../../lib/dom-clock";
import { useQuery } from "../../lib/hooks";
import { useLiveAgents, useLiveContacts } from "../../lib/live-store";
import { type MonitorSession, monitorsQuery } from "../../lib/live-types";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { AgentStatePanel } from "./AgentStatePanel";
import { useCommands } from "./commands";
import { FlagsAndAudit } from "./FlagsAndAudit";
import { LiveCalls } from "./LiveCalls";
import { Monitors } from "./Monitors";
import { Outcomes } from "./Outcomes";

const endpointStorage = "starboard.supervisorEndpoint";

export function QaConsole() {
  const { t, role } = useSession();
  const contacts = useLiveContacts(can(role, "Subscription.liveContacts"));
  const agents = useLiveAgents(can(role, "Mutation.setAgentState"));
  const [endpoint, setEndpoint] = useState("");
  const [refresh, setRefresh] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  useDomClock(root);
  useEffect(() => setEndpoint(localStorage.getItem(endpointStorage) ?? "user/2001"), []);
  // Who monitors what: asked again after every command and every few seconds (sessions started
  // elsewhere show up without a reload).
  const [poll, setPoll] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setPoll((n) => n + 1), 5_000);
    return () => clearInterval(timer);
  }, []);
  const monitors = useQuery<{ monitors: MonitorSession[] }>(
    monitorsQuery,
    { refresh, poll },
    !can(role, "Query.monitors"),
  );
  const { outcomes, busy, run } = useCommands(() => setRefresh((n) => n + 1));
  const sessions = monitors.data?.monitors ?? [];
  const byCall = useMemo(() => {
    const map = new Map<string, MonitorSession[]>();
    for (const m of sessions) map.set(m.callId, [...(map.get(m.callId) ?? []), m]);
    return map;
  }, [sessions]);
  return (
    <div className="stack" ref={root}>
      <div className="row">
        <label>
          {t("supervisorEndpoint")}
          <input
            data-testid="endpoint"
            value={endpoint}
            placeholder="user/2001"
            onChange={(e) => {
              setEndpoint(e.target.value);
              localStorage.setItem(endpointStorage, e.target.value);
            }}
          />
        </label>
      </div>
      {contacts.error !== undefined && <p className="error">{contacts.error}</p>}
      <LiveCalls contacts={contacts.items} monitors={byCall} endpoint={endpoint} busy={busy} run={run} />
      <div className="grid2">
        <Monitors monitors={sessions} busy={busy} run={run} />
        <Outcomes outcomes={outcomes} />
      </div>
      {can(role, "Mutation.setAgentState") && <AgentStatePanel agents={agents.items} busy={busy} run={run} />}
      <FlagsAndAudit refresh={refresh} poll={poll} />
    </div>
  );
}
