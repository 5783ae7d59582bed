import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Link } from "wouter";
import type { DecisionLog } from "../../../../src/api/space-views.js";
import { api } from "../../api";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { formatDay } from "../../components/format";
import { MarkedText, splitHeadline } from "../../components/marked-text";

/** The decision log's address, with its search words when there are any. */
export const decisionsPath = (spaceId: string, q: string) =>
  `/api/spaces/${spaceId}/decisions${q ? `?q=${encodeURIComponent(q)}` : ""}`;

const DECISION_WORDS: Record<string, string> = { decided: "Decided", pending: "Pending", superseded: "Superseded" };

/** The Decisions tab: the decision log, searched as the person types. */
export function DecisionsPanel({ spaceId }: { spaceId: string }) {
  const ids = { search: useId(), hint: useId() };
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const next = text.trim();
    if (next === query) return;
    const timer = setTimeout(() => setQuery(next), 250);
    return () => clearTimeout(timer);
  }, [text, query]);
  const log = useQuery({
    queryKey: ["decisions", spaceId, query],
    queryFn: () => api<DecisionLog>(decisionsPath(spaceId, query)),
    placeholderData: keepPreviousData,
  });
  const decisions = log.data?.decisions ?? [];
  const searching = log.isFetching || text.trim() !== query;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(text.trim());
  }
  const shownFor = log.data?.query ?? query;
  return (
    <>
      <div className="panel-title">
        <h2>Decision log</h2>
        <p className="muted">Every decision of the Space's meetings: what, who decided, and why.</p>
      </div>
      <search className="search-form">
        <form onSubmit={onSubmit}>
          <label htmlFor={ids.search} className="label">
            Search decisions
          </label>
          <div className="search-row">
            <input
              id={ids.search}
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="e.g. Salesforce sync"
              aria-describedby={ids.hint}
              autoComplete="off"
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
          <p className="hint" id={ids.hint}>
            Searches the decisions' text, rationale and who decided.
          </p>
        </form>
      </search>
      <p className="search-status muted" role="status" aria-live="polite">
        {searching && query !== "" ? "Searching…" : null}
        {!searching && log.data && shownFor
          ? decisions.length > 0
            ? `${decisions.length === 1 ? "1 decision matches" : `${decisions.length} decisions match`} “${shownFor}”`
            : ""
          : null}
      </p>
      {log.isPending ? <Loading label="Loading the decisions" /> : null}
      <ErrorMessage error={log.error} title="The decisions could not be loaded" />
      {log.data && decisions.length === 0 ? (
        shownFor ? (
          <EmptyState
            title={`No decision matches “${shownFor}”`}
            action={
              <button
                type="button"
                className="button"
                onClick={() => {
                  setText("");
                  setQuery("");
                }}
              >
                Clear the search
              </button>
            }
          >
            Try fewer or other words — a name, a system, a customer.
          </EmptyState>
        ) : (
          <EmptyState title="No decisions yet">
            Decisions made in a meeting are logged here, with who decided and why, so nobody has to reopen them.
          </EmptyState>
        )
      ) : null}
      {decisions.length > 0 ? (
        <ol className={`decision-list${searching ? " is-stale" : ""}`} aria-label="Decisions">
          {decisions.map((decision) => {
            const marked = decision.headline ? splitHeadline(decision.headline, decision.rationale) : null;
            return (
              <li key={`${decision.meetingId}:${decision.id}`} className="decision card">
                <div className="decision-head">
                  <span className={`badge decision-${decision.status ?? "none"}`}>
                    {DECISION_WORDS[decision.status ?? ""] ?? "Recorded"}
                  </span>
                  <span className="muted decision-source">
                    <Link href={`/meetings/${decision.meetingId}`}>{decision.meetingTitle}</Link> ·{" "}
                    {formatDay(decision.meetingDate)}
                  </span>
                </div>
                <p className="decision-text">{marked ? <MarkedText html={marked.text} /> : decision.text}</p>
                <dl className="facts facts-inline">
                  <div>
                    <dt>Why</dt>
                    <dd>
                      {marked?.rationale ? (
                        <MarkedText html={marked.rationale} />
                      ) : (
                        (decision.rationale ?? <span className="muted">No rationale recorded</span>)
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt>Decided by</dt>
                    <dd>{decision.decidedBy ?? decision.owner ?? <span className="muted">Not recorded</span>}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ol>
      ) : null}
    </>
  );
}
