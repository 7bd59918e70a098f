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
  const monitors = useQuery<{ monitors: MonitorSession[] }>(
    monitorsQuery,
    { refresh },
    !can(role, "Query.monitors"),
  );
  const { outcomes, busy, run } = useCommands(() => setRefresh(Date.now()));
  // Sessions from the live contacts are current; the query adds any on calls not in the list.
  const sessions = useMemo(() => {
    const byId = new Map<string, MonitorSession>();
    for (const m of monitors.data?.monitors ?? []) byId.set(m.monitorId, m);
    for (const c of contacts.items) for (const m of c.monitors) byId.set(m.monitorId, m);
    return [...byId.values()];
  }, [monitors.data, contacts.items]);
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
      <LiveCalls contacts={contacts.items} endpoint={endpoint} busy={busy} run={run} />
      <div className="grid2">
        <Monitors monitors={sessions} busy={busy} run={run} />
        <Outcomes outcomes={outcomes} />
      </div>
      {can(role, "Mutation.setAgentState") && <AgentStatePanel agents={agents.items} busy={busy} run={run} />}
      <FlagsAndAudit refresh={refresh} />
    </div>
  );
}
