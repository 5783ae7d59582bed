import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "wouter";
import {
  ApiFailure,
  api,
  type DeliveryLog,
  type FollowUp,
  type IntegrationKind,
  type IntegrationView,
  type Space,
} from "../../api";
import { EmptyState, ErrorMessage, Loading } from "../../components/feedback";
import { canRun, plural } from "../../components/format";
import { CHANNEL_WORDS, DELIVERY_STATUS_WORDS } from "../../components/words";

/**
 * The Space's delivery log, for `useQuery`: the Follow-up tab and the late banner share it. Facilitators and owners
 * read it (the server's rule); for anyone else it is not asked for.
 */
export function deliveriesQuery(spaceId: string, role: Space["role"]) {
  return {
    queryKey: ["deliveries", spaceId],
    queryFn: () => api<DeliveryLog>(`/api/spaces/${encodeURIComponent(spaceId)}/deliveries`),
    enabled: canRun(role),
  };
}

/** The Follow-up tab: the rules Docket enforces, the connected services and the delivery log. */
export function FollowUpPanel({ space }: { space: Space }) {
  const followUp = useQuery({
    queryKey: ["follow-up", space.id],
    queryFn: () => api<FollowUp>(`/api/spaces/${encodeURIComponent(space.id)}/follow-up`),
  });
  const deliveries = useQuery(deliveriesQuery(space.id, space.role));
  const data = followUp.data;
  const isOwner = space.role === "owner";
  return (
    <>
      <div className="panel-title">
        <h2>Follow-up</h2>
        <p className="muted">What Docket does after each meeting, where the notes go, and what it has sent.</p>
      </div>
      {followUp.isPending ? <Loading label="Loading the follow-up" /> : null}
      <ErrorMessage error={followUp.error} title="The follow-up could not be loaded" />
      {data ? (
        <div className="grid-2 follow-up-grid">
          <section className="panel" aria-labelledby="rules-heading">
            <h3 id="rules-heading">Rules</h3>
            {data.rules.length === 0 ? (
              <p className="muted">No follow-up rules: Docket does nothing by itself after a meeting.</p>
            ) : (
              <ul className="follow-up-rules">
                {data.rules.map(({ rule, description }) => (
                  <li key={rule.kind}>{description}</li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="destinations-heading">
            <h3 id="destinations-heading">Where the notes go</h3>
            <dl className="facts">
              <div>
                <dt>Email</dt>
                <dd>{data.email.enabled ? "On" : "Off — this Docket server has no mail server set up"}</dd>
              </div>
              <div>
                <dt>Recipients</dt>
                <dd>
                  The meeting's attendees
                  {data.email.recipients.length > 0
                    ? `, and ${data.email.recipients.join(", ")}`
                    : data.email.recipientCount > 0
                      ? `, and ${plural(data.email.recipientCount, "address", "addresses")} on the Space's list (shown to its owners)`
                      : ""}
                </dd>
              </div>
              <div>
                <dt>Slack channel</dt>
                <dd>{data.slackChannel ?? <span className="muted">None set</span>}</dd>
              </div>
              <div>
                <dt>Deadline</dt>
                <dd>Within {plural(data.notesDeadlineHours, "hour")} of the meeting's end</dd>
              </div>
            </dl>
          </section>
        </div>
      ) : null}
      {data ? (
        <section className="section" aria-labelledby="services-heading">
          <h3 id="services-heading">Connected services</h3>
          <p className="muted">
            {isOwner
              ? "Tokens and secrets are stored encrypted and never shown again: to change one, enter it anew."
              : "The Space's owner connects services."}
          </p>
          <div className="service-grid">
            <ServiceCard spaceId={space.id} kind="slack" view={data.integrations.slack} isOwner={isOwner} />
            <ServiceCard spaceId={space.id} kind="webhook" view={data.integrations.webhook} isOwner={isOwner} />
            <ServiceCard spaceId={space.id} kind="salesforce" view={data.integrations.salesforce} isOwner={isOwner} />
          </div>
        </section>
      ) : null}
      {canRun(space.role) ? <DeliveryLogSection query={deliveries} /> : null}
    </>
  );
}

interface ServiceField {
  name: string;
  label: string;
  secret: boolean;
  hint?: string;
  type?: "url";
}

const SERVICES: Record<IntegrationKind, { title: string; about: string; fields: ServiceField[] }> = {
  slack: {
    title: "Slack",
    about: "Posts the meeting summary to the Space's Slack channel.",
    fields: [{ name: "botToken", label: "Bot token", secret: true, hint: "Starts with xoxb-." }],
  },
  webhook: {
    title: "Webhook",
    about: "Sends each meeting's notes as signed JSON to an address of yours.",
    fields: [
      { name: "url", label: "Webhook URL", secret: false, type: "url" },
      { name: "signingSecret", label: "Signing secret", secret: true, hint: "At least 16 characters." },
    ],
  },
  salesforce: {
    title: "Salesforce",
    about: "Logs customer-facing escalations and risks as Salesforce tasks.",
    fields: [
      { name: "instanceUrl", label: "Instance URL", secret: false, type: "url" },
      { name: "accessToken", label: "Access token", secret: true },
    ],
  },
};

function ServiceCard({
  spaceId,
  kind,
  view,
  isOwner,
}: {
  spaceId: string;
  kind: IntegrationKind;
  view: IntegrationView;
  isOwner: boolean;
}) {
  const service = SERVICES[kind];
  const headingId = useId();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const disconnect = useMutation({
    mutationFn: () => api(`/api/spaces/${spaceId}/integrations/${kind}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["follow-up", spaceId] }),
  });
  return (
    <section className="card service-card" aria-labelledby={headingId}>
      <h4 id={headingId} className="service-title">
        {service.title}{" "}
        {view.connected ? (
          <span className="badge badge-green">Connected</span>
        ) : (
          <span className="badge badge-neutral">Not connected</span>
        )}
      </h4>
      <p className="muted">{service.about}</p>
      {view.connected ? (
        <dl className="facts">
          {service.fields.map((field) => (
            <div key={field.name}>
              <dt>{field.label}</dt>
              <dd>
                {field.secret
                  ? view.secrets.includes(field.name)
                    ? "Connected, token stored"
                    : "Not stored"
                  : (view.settings[field.name] ?? (isOwner ? "—" : "Set, shown to the Space's owners"))}
              </dd>
            </div>
          ))}
          {view.updatedAt ? (
            <div>
              <dt>Since</dt>
              <dd>{new Date(view.updatedAt).toLocaleDateString(undefined, { dateStyle: "medium" })}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {isOwner && editing ? (
        <ServiceForm
          spaceId={spaceId}
          kind={kind}
          view={view}
          onDone={() => {
            setEditing(false);
          }}
        />
      ) : null}
      {isOwner && !editing ? (
        <div className="page-actions">
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            {view.connected ? `Change ${service.title}` : `Connect ${service.title}`}
          </button>
          {view.connected ? (
            <button
              type="button"
              className="button button-small button-danger"
              disabled={disconnect.isPending}
              onClick={() => disconnect.mutate()}
            >
              {disconnect.isPending ? "Disconnecting…" : `Disconnect ${service.title}`}
            </button>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={disconnect.error} title={`${service.title} was not disconnected`} />
    </section>
  );
}

function ServiceForm({
  spaceId,
  kind,
  view,
  onDone,
}: {
  spaceId: string;
  kind: IntegrationKind;
  view: IntegrationView;
  onDone: () => void;
}) {
  const service = SERVICES[kind];
  const formId = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      service.fields.map((field) => [field.name, field.secret ? "" : (view.settings[field.name] ?? "")]),
    ),
  );
  const save = useMutation({
    mutationFn: (body: Record<string, string>) =>
      api<IntegrationView>(`/api/spaces/${spaceId}/integrations/${kind}`, { method: "PUT", body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["follow-up", spaceId] });
      onDone();
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])));
  }
  const issue = (name: string) =>
    save.error instanceof ApiFailure
      ? save.error.issues.find((candidate) => candidate.path === `body.${name}`)?.message
      : undefined;
  return (
    <form className="dialog-form service-form" onSubmit={onSubmit}>
      {service.fields.map((field) => {
        const id = `${formId}-${field.name}`;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={id}>{field.label}</label>
            <input
              id={id}
              type={field.secret ? "password" : (field.type ?? "text")}
              autoComplete={field.secret ? "new-password" : "off"}
              required
              value={values[field.name] ?? ""}
              onChange={(event) => setValues((old) => ({ ...old, [field.name]: event.target.value }))}
              aria-describedby={field.hint ? `${id}-hint` : undefined}
            />
            {field.hint ? (
              <p className="hint" id={`${id}-hint`}>
                {field.hint}
              </p>
            ) : null}
            {issue(field.name) ? <p className="field-error">{issue(field.name)}</p> : null}
          </div>
        );
      })}
      <ErrorMessage error={save.error} title={`${service.title} was not connected`} />
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : `Save ${service.title}`}
        </button>
      </div>
    </form>
  );
}

function DeliveryLogSection({
  query,
}: {
  query: { data: DeliveryLog | undefined; error: unknown; isPending: boolean };
}) {
  const deliveries = query.data?.deliveries ?? [];
  return (
    <section className="section" aria-labelledby="deliveries-heading">
      <h3 id="deliveries-heading">Delivery log</h3>
      <p className="muted">Everything Docket sent for this Space, newest first.</p>
      {query.isPending ? <Loading label="Loading the deliveries" /> : null}
      <ErrorMessage error={query.error} title="The deliveries could not be loaded" />
      {query.data && deliveries.length === 0 ? (
        <EmptyState title="Nothing sent yet">
          When a meeting ends, its notes go out by the rules above, and each delivery is listed here.
        </EmptyState>
      ) : null}
      {deliveries.length > 0 ? (
        <div className="table-wrap">
          <table className="delivery-table" aria-labelledby="deliveries-heading">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Due by</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} className={delivery.late ? "is-late" : undefined}>
                  <td>
                    {delivery.purpose}
                    {delivery.meetingTitle && delivery.meetingId ? (
                      <span className="muted cell-sub">
                        <Link href={`/meetings/${delivery.meetingId}`}>{delivery.meetingTitle}</Link>
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {CHANNEL_WORDS[delivery.channel]}
                    {delivery.recipient === null ? "" : `: ${delivery.recipient}`}
                  </td>
                  <td>
                    <span className={`delivery-status delivery-${delivery.status}`}>
                      {DELIVERY_STATUS_WORDS[delivery.status]}
                    </span>
                    {delivery.late ? <span className="badge badge-red">Late</span> : null}
                    {delivery.lastError ? (
                      <span className="cell-sub field-error">Last error: {delivery.lastError}</span>
                    ) : null}
                    {delivery.deliveredAt ? (
                      <span className="muted cell-sub">
                        {new Date(delivery.deliveredAt).toLocaleString(undefined, {
                          dateStyle: "medium",
                          timeStyle: "short",
                        })}
                      </span>
                    ) : null}
                  </td>
                  <td className="numeric">{delivery.attempts}</td>
                  <td>
                    {delivery.dueBy
                      ? new Date(delivery.dueBy).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** At the top of the Space's home when follow-up is behind: late deliveries, with the way to the log. */
export function LateBanner({ space, onOpen }: { space: Space; onOpen: () => void }) {
  const deliveries = useQuery(deliveriesQuery(space.id, space.role));
  const late = deliveries.data?.late ?? 0;
  if (late === 0) return null;
  return (
    <div className="error-message late-banner" role="alert">
      <strong>{plural(late, "delivery", "deliveries")} late:</strong> notes or messages did not go out by their
      deadline.{" "}
      <button type="button" className="button button-small" onClick={onOpen}>
        Open the delivery log
      </button>
    </div>
  );
}
