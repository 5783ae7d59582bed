import { Link } from "wouter";
import type { OpenActions } from "../../../../src/api/space-views.js";
import type { Space } from "../../api";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { formatDay, plural } from "../../components/format";
import type { QueryState } from "../../components/queries";

/** The Action items tab: every open action item of the Space, by owner, overdue ones marked. */
export function ActionsPanel({ space, query }: { space: Space; query: QueryState<OpenActions> }) {
  const groups = query.data?.owners.filter((group) => group.actions.length > 0) ?? [];
  return (
    <>
      <div className="panel-title">
        <h2>Open action items by owner</h2>
        {query.data ? (
          <p className="muted">
            Overdue means due before {formatDay(query.data.today)}, today in {space.timezone}.
          </p>
        ) : null}
      </div>
      {query.isPending ? <Loading label="Loading the action items" /> : null}
      <ErrorMessage error={query.error} title="The action items could not be loaded" />
      {query.data && groups.length === 0 ? (
        <EmptyState title="No open action items">
          Action items captured in a meeting appear here, by owner, until they are done.
        </EmptyState>
      ) : null}
      <div className="owner-groups">
        {groups.map((group) => {
          const overdue = group.actions.filter((action) => action.overdue).length;
          const owner = group.owner ?? "No owner yet";
          return (
            <section key={owner} className="owner-group" aria-label={`Action items of ${owner}`}>
              <h3 className="owner-heading">
                <span className={group.owner ? undefined : "unowned"}>{owner}</span>
                <span className="muted owner-count">
                  {plural(group.actions.length, "open item")}
                  {overdue > 0 ? <span className="overdue"> · {overdue} overdue</span> : null}
                </span>
              </h3>
              {group.owner ? null : (
                <p className="hint">Nobody owns these yet: give each an owner in its meeting's notes.</p>
              )}
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Action</th>
                      <th scope="col">Due</th>
                      <th scope="col">From</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.actions.map((action) => (
                      <tr
                        key={`${action.meetingId}:${action.item.id}`}
                        className={action.overdue ? "is-overdue" : undefined}
                      >
                        <td className="action-text">{action.item.text}</td>
                        <td data-label="Due">
                          {action.overdue ? (
                            <span className="overdue">
                              Overdue{action.item.due ? ` · ${formatDay(action.item.due)}` : ""}
                            </span>
                          ) : action.item.due ? (
                            formatDay(action.item.due)
                          ) : (
                            <span className="muted">No due date</span>
                          )}
                        </td>
                        <td data-label="From">
                          <Link href={`/meetings/${action.meetingId}`}>{action.meetingTitle}</Link>
                          <span className="muted cell-sub">{formatDay(action.meetingDate)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
