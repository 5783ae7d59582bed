import { Link } from "wouter";
import type { RiskRegister } from "../../../../src/api/space-views.js";
import { capitalize } from "../../../../src/core/text.js";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { formatDay } from "../../components/format";
import type { QueryState } from "../../components/queries";
import { RagBadge } from "../../components/rag";
import { RAG_WORDS } from "../../components/words";

/** How many of the latest ratings in a row are the same as the current one. */
function streak(history: RiskRegister["risks"][number]["history"]): number {
  const last = history[history.length - 1];
  if (!last?.rag) return 0;
  let count = 0;
  for (let i = history.length - 1; i >= 0 && history[i]?.rag === last.rag; i--) count++;
  return count;
}

/** The Risks tab: the risk register, each risk once with its current rating and its history. */
export function RisksPanel({ query }: { query: QueryState<RiskRegister> }) {
  const risks = query.data?.risks ?? [];
  return (
    <>
      <div className="panel-title">
        <h2>Risk register</h2>
        <p className="muted">
          Each risk once, with its latest rating and how the rating changed from meeting to meeting.
        </p>
      </div>
      {query.isPending ? <Loading label="Loading the risks" /> : null}
      <ErrorMessage error={query.error} title="The risks could not be loaded" />
      {query.data && risks.length === 0 ? (
        <EmptyState title="No risks recorded">
          Risks raised in a meeting, rated red, yellow or green, are tracked here with their history.
        </EmptyState>
      ) : null}
      {risks.length > 0 ? (
        <ul className="risk-list" aria-label="Risks">
          {risks.map((risk) => {
            const current = risk.current;
            const resolved = current.status === "resolved";
            const run = streak(risk.history);
            return (
              <li key={risk.key} className={`risk card risk-${current.rag ?? "none"}${resolved ? " is-resolved" : ""}`}>
                <div className="risk-head">
                  <RagBadge rag={current.rag} />
                  {resolved ? <span className="badge badge-neutral">Resolved</span> : null}
                  {run > 1 && !resolved && current.rag ? (
                    <span className="risk-age">
                      {RAG_WORDS[current.rag]} for {run} meetings
                    </span>
                  ) : null}
                </div>
                <p className="risk-text">{current.text}</p>
                <dl className="facts">
                  <div>
                    <dt>Owner</dt>
                    <dd>{current.owner ?? <span className="unowned">No owner — needs one</span>}</dd>
                  </div>
                  <div>
                    <dt>Mitigation</dt>
                    <dd>{current.mitigation ?? <span className="muted">None recorded</span>}</dd>
                  </div>
                  {current.likelihood || current.impact ? (
                    <div>
                      <dt>Likelihood / impact</dt>
                      <dd>
                        {current.likelihood ? capitalize(current.likelihood) : "—"} /{" "}
                        {current.impact ? capitalize(current.impact) : "—"}
                      </dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>Last rated</dt>
                    <dd>
                      <Link href={`/meetings/${current.meetingId}`}>{current.meetingTitle}</Link>
                    </dd>
                  </div>
                </dl>
                <div className="risk-history">
                  <span className="risk-history-label" id={`history-${risk.key}`}>
                    History
                  </span>
                  <ol className="rag-history" aria-labelledby={`history-${risk.key}`}>
                    {risk.history.map((rating, i) => (
                      <li key={`${rating.meetingId}:${rating.itemId}`}>
                        {i > 0 ? (
                          <span className="rag-arrow" aria-hidden="true">
                            →
                          </span>
                        ) : null}
                        <span className={`rag-chip rag-chip-${rating.rag ?? "none"}`} title={rating.meetingTitle}>
                          <span className="dot" aria-hidden="true" />
                          {rating.rag ? RAG_WORDS[rating.rag] : "Not rated"} {formatDay(rating.meetingDate, "short")}
                        </span>
                      </li>
                    ))}
                  </ol>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
