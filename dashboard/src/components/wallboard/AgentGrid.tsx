"use client";

import { type CSSProperties, memo, useMemo, useRef, useState } from "react";
import { codeText } from "../../lib/code-text";
import type { Agent, AgentStatus } from "../../lib/live-types";
import { reasonText } from "../../lib/server-text";
import { useSession } from "../../lib/session";
import { AgentTile } from "./AgentTile";
import {
  bands,
  columnsFor,
  columnWidth,
  densityFor,
  minTileEm,
  pages,
  rowsThatFit,
  tileHeightPx,
} from "./grid-layout";
import { canvasMeasure, type TileRoom, tileRoom } from "./text-fit";
import { useBox } from "./useBox";
import { useRoomBelow, useTvPages } from "./useTvPages";

const statuses: AgentStatus[] = ["AVAILABLE", "RINGING", "BUSY", "WRAP_UP", "AWAY", "OFFLINE"];

/** Sorted distinct ids, without the agents that have none. */
const distinct = (ids: readonly (string | null)[]) =>
  [...new Set(ids.filter((id): id is string => id !== null))].sort();

/** A choice of one id (a team, a queue) or all of them (""). */
function IdFilter(props: {
  label: string;
  all: string;
  testId: string;
  ids: readonly string[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <select
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{props.all}</option>
      {props.ids.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}

const sameItems = <T,>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** One band of whole rows; re-renders only when one of its agents changed (or the tile size). */
const AgentBand = memo(
  function AgentBand({ agents, columns, room }: { agents: Agent[]; columns: number; room: TileRoom }) {
    const { t } = useSession();
    const rows = Math.ceil(agents.length / columns);
    const style = {
      gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
      "--rows": rows,
    } as CSSProperties;
    return (
      <ul className="agent-band" style={style}>
        {agents.map((a) => (
          <AgentTile
            key={a.id}
            agent={a}
            label={a.reasonCode === null ? codeText(t, "agentStatus", a.status) : reasonText(t, a.reasonCode)}
            room={room}
          />
        ))}
      </ul>
    );
  },
  (a, b) => a.columns === b.columns && a.room === b.room && sameItems(a.agents, b.agents),
);

/** Memoized: queue and alert messages re-render the wallboard several times a second, the grid only
 * when the agent list itself changed (props are primitives and the list, so memo holds). In TV mode
 * (`tvPageSeconds` given) it shows a screenful of whole rows at a time and turns the page every
 * `tvPageSeconds`, so every agent of a thousand is seen at a readable size. */
export const AgentGrid = memo(function AgentGrid({
  agents,
  tvPageSeconds,
}: {
  agents: Agent[];
  tvPageSeconds?: number | undefined;
}) {
  const tv = tvPageSeconds !== undefined;
  const { t, fmt } = useSession();
  const [filter, setFilter] = useState<AgentStatus | "ALL">("ALL");
  // A supervisor watches their own team or queue out of a thousand agents.
  const [team, setTeam] = useState("");
  const [queue, setQueue] = useState("");
  const teams = useMemo(() => distinct(agents.map((a) => a.team)), [agents]);
  const queues = useMemo(() => distinct(agents.flatMap((a) => a.queueIds)), [agents]);
  const grid = useRef<HTMLElement>(null);
  const scoped = useMemo(
    () =>
      team === "" && queue === ""
        ? agents
        : agents.filter(
            (a) => (team === "" || a.team === team) && (queue === "" || a.queueIds.includes(queue)),
          ),
    [agents, team, queue],
  );
  const counts = useMemo(() => {
    const c = new Map<AgentStatus, number>();
    for (const a of scoped) c.set(a.status, (c.get(a.status) ?? 0) + 1);
    return c;
  }, [scoped]);
  const shown = filter === "ALL" ? scoped : scoped.filter((a) => a.status === filter);
  const density = densityFor(agents.length);
  const { width, fontPx, fontFamily } = useBox(grid, density);
  const columns = columnsFor(width, minTileEm[density] * fontPx);
  const colPx = columnWidth(width, columns);
  const measure = useMemo(() => canvasMeasure({ family: fontFamily, sizePx: fontPx }), [fontFamily, fontPx]);
  // One object per tile size, so memoized bands and tiles see the same room until a resize.
  const room = useMemo(() => tileRoom(colPx, measure), [colPx, measure]);
  // The room is measured before the pages exist: a ref carries the page shown into the next measure.
  const shownPage = useRef(0);
  const roomBelow = useRoomBelow(grid, tv, shownPage.current);
  const screens = useMemo(
    () => (!tv ? [] : pages(shown, columns, rowsThatFit(roomBelow, tileHeightPx(fontPx)))),
    [tv, shown, columns, roomBelow, fontPx],
  );
  const paging = useTvPages(screens.length, tvPageSeconds ?? 10, tv);
  const page = paging.page;
  shownPage.current = page;
  const band = (list: Agent[]) =>
    bands(list, columns).map((b, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: bands are positions in the grid, not items
      <AgentBand key={i} agents={b} columns={columns} room={room} />
    ));
  return (
    <div className="agents-panel">
      <div className="agent-summary">
        {teams.length > 0 && (
          <IdFilter
            label={t("teamFilter")}
            all={t("allTeams")}
            testId="team-filter"
            ids={teams}
            value={team}
            onChange={setTeam}
          />
        )}
        {queues.length > 1 && (
          <IdFilter
            label={t("queueFilter")}
            all={t("allQueues")}
            testId="queue-filter"
            ids={queues}
            value={queue}
            onChange={setQueue}
          />
        )}
        <button
          type="button"
          className={filter === "ALL" ? "chip active" : "chip"}
          onClick={() => setFilter("ALL")}
        >
          {t("allStates")} {fmt.int(scoped.length)}
        </button>
        {statuses.map((s) => (
          <button
            type="button"
            key={s}
            className={`chip s-${s}${filter === s ? " active" : ""}`}
            onClick={() => setFilter(filter === s ? "ALL" : s)}
          >
            {codeText(t, "agentStatus", s)} {fmt.int(counts.get(s) ?? 0)}
          </button>
        ))}
        {tv && screens.length > 1 && (
          <button
            type="button"
            className="tv-pager"
            data-testid="agent-page"
            data-page={page + 1}
            data-pages={screens.length}
            aria-pressed={paging.paused}
            title={t(paging.paused ? "resumePaging" : "pausePaging")}
            onClick={paging.togglePaused}
          >
            {t("pageOf", { page: fmt.int(page + 1), pages: fmt.int(screens.length) })}
            {/* Paused: a short mark (and the amber frame), so the label keeps its width. */}
            {paging.paused ? " ‖" : ""}
          </button>
        )}
      </div>
      <section className={`agent-grid ${density}`} aria-label={t("agents")} ref={grid}>
        {/* Keyed by position: a band keeps its DOM when the agents in it change. Pages too: every
            page stays mounted and only the current one is displayed. */}
        {!tv
          ? band(shown)
          : screens.map((list, p) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: pages are positions, not items
              <div key={p} className="agent-page" data-page-index={p} hidden={p !== page}>
                {band(list)}
              </div>
            ))}
      </section>
    </div>
  );
});
