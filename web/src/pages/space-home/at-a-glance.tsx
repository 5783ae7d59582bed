import { Link } from "wouter";
import type { OpenActions, RiskRegister } from "../../../../src/api/space-views.js";
import type { MeetingList, Space } from "../../api";
import { formatWhen } from "../../components/format";
import { MeetingStatusBadge } from "../../components/meeting-status";
import { RagBadge } from "../../components/rag";

export function AtAGlance({
  space,
  meetings,
  actions,
  risks,
}: {
  space: Space;
  meetings: MeetingList | undefined;
  actions: OpenActions | undefined;
  risks: RiskRegister | undefined;
}) {
  const next = meetings?.upcoming[0];
  const open = actions?.owners.flatMap((group) => group.actions) ?? [];
  const overdue = open.filter((action) => action.overdue).length;
  const openRisks = risks?.risks.filter((risk) => risk.current.status !== "resolved") ?? [];
  const red = openRisks.filter((risk) => risk.current.rag === "red").length;
  const yellow = openRisks.filter((risk) => risk.current.rag === "yellow").length;
  return (
    <dl className="glance" aria-label="At a glance">
      <div className="glance-tile glance-next">
        <dt>Next meeting</dt>
        <dd>
          {!meetings ? (
            <span className="muted">…</span>
          ) : next ? (
            <>
              <Link href={`/meetings/${next.id}`} className="glance-link">
                {next.title}
              </Link>
              <span className="glance-sub">
                {formatWhen(next.scheduledAt, space.timezone)} · <MeetingStatusBadge status={next.status} />
              </span>
            </>
          ) : (
            <span className="muted">None scheduled</span>
          )}
        </dd>
      </div>
      <div className="glance-tile">
        <dt>Open action items</dt>
        <dd>
          <span className="glance-number">{actions ? open.length : "–"}</span>
          {overdue > 0 ? <span className="overdue glance-sub">{overdue} overdue</span> : null}
        </dd>
      </div>
      <div className="glance-tile">
        <dt>Open risks</dt>
        <dd>
          <span className="glance-number">{risks ? openRisks.length : "–"}</span>
          {red + yellow > 0 ? (
            <span className="glance-sub glance-rags">
              {red > 0 ? (
                <span>
                  <RagBadge rag="red" /> {red}
                </span>
              ) : null}
              {yellow > 0 ? (
                <span>
                  <RagBadge rag="yellow" /> {yellow}
                </span>
              ) : null}
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}
