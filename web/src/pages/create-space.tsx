import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useMemo, useState } from "react";
import { Link, useLocation } from "wouter";
import { CADENCES } from "../../../src/core/meeting.js";
import { ApiFailure, api, type Cadence, type Space, type SpaceSummary, type Template, type TemplateList } from "../api";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ErrorMessage, Loading } from "../components/feedback";
import { InviteLink } from "../components/invite-link";
import { useTitle } from "../components/layout";
import { CADENCE_WORDS } from "../components/words";
import "./create-space.css";

const KIND_WORDS: Record<string, string> = {
  details: "Details",
  metrics: "Metrics",
  staffing: "Staffing",
  risks: "Risks",
  initiatives: "Initiatives",
  roadmap: "Roadmap",
  upcoming: "Upcoming work",
  constraints: "Constraints",
  decisions: "Decisions",
  escalations: "Escalations",
  actions: "Action items",
  questions: "Questions",
  notes: "Notes",
};

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

/** "Create your first Space": name, template, cadence and time zone; then an invitation link for the people. */
export default function CreateSpacePage() {
  const spaces = useQuery({ queryKey: ["spaces"], queryFn: () => api<SpaceSummary[]>("/api/spaces") });
  const first = spaces.data ? spaces.data.every((space) => space.isDemo) : false;
  const heading = first ? "Create your first Space" : "Create a Space";
  useTitle(heading);
  const [created, setCreated] = useState<Space | null>(null);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Your Spaces", href: "/" }, { label: "New Space" }]} />
      <div className="page-heading">
        <h1>{created ? `${created.name} is ready` : heading}</h1>
      </div>
      <ol className="steps" aria-label="Steps">
        <li aria-current={created ? undefined : "step"} className={created ? "step-done" : "step-current"}>
          <span className="step-number" aria-hidden="true">
            {created ? "✓" : "1"}
          </span>
          The meeting{created ? <span className="visually-hidden"> (done)</span> : null}
        </li>
        <li aria-current={created ? "step" : undefined} className={created ? "step-current" : undefined}>
          <span className="step-number" aria-hidden="true">
            2
          </span>
          The people
        </li>
      </ol>
      {created ? <InviteStep space={created} /> : <SpaceForm onCreated={setCreated} />}
    </>
  );
}

function SpaceForm({ onCreated }: { onCreated: (space: Space) => void }) {
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ["templates"],
    queryFn: () => api<TemplateList>("/api/templates"),
    staleTime: 5 * 60_000,
  });
  const ids = {
    name: useId(),
    nameHint: useId(),
    nameError: useId(),
    templateError: useId(),
    cadence: useId(),
    cadenceError: useId(),
    duration: useId(),
    durationError: useId(),
    timezone: useId(),
    timezoneHint: useId(),
    timezoneError: useId(),
    zones: useId(),
  };
  const [name, setName] = useState("");
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [cadence, setCadence] = useState<Cadence | null>(null);
  const [duration, setDuration] = useState<string | null>(null);
  const [timezone, setTimezone] = useState(browserTimeZone);
  const zones = useMemo(timeZones, []);

  const list = templates.data?.templates ?? [];
  const template = list.find((candidate) => candidate.id === templateId) ?? list[0];
  // Until the person picks their own, cadence and length follow the template.
  const chosenCadence = cadence ?? (template ? template.cadence : "weekly");
  const chosenDuration = duration ?? String(template?.durationMinutes ?? 30);

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Space>("/api/spaces", { method: "POST", body }),
    onSuccess: async (space) => {
      queryClient.setQueryData(["space", space.id], space);
      await queryClient.invalidateQueries({ queryKey: ["spaces"] });
      onCreated(space);
    },
  });

  const issues = create.error instanceof ApiFailure ? create.error.issues : [];
  const [blankName, setBlankName] = useState(false);
  const fieldError = (field: string) => {
    if (field === "name" && blankName) return "Give the Space a name.";
    const message = issues.find(
      (issue) => issue.path === `body.${field}` || issue.path.startsWith(`body.${field}.`),
    )?.message;
    return message ? message.charAt(0).toUpperCase() + message.slice(1) : undefined;
  };
  const named = new Set(["name", "templateId", "cadence", "durationMinutes", "timezone"]);
  const otherIssues = issues.some((issue) => !named.has(issue.path.replace(/^body\./, "").split(".")[0] ?? ""));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!template) return;
    setBlankName(name.trim() === "");
    if (name.trim() === "") {
      document.getElementById(ids.name)?.focus();
      return;
    }
    const minutes = Number(chosenDuration);
    create.mutate({
      name: name.trim(),
      templateId: template.id,
      cadence: chosenCadence,
      ...(Number.isFinite(minutes) && chosenDuration.trim() !== "" ? { durationMinutes: minutes } : {}),
      timezone: timezone.trim(),
    });
  }

  const errors = {
    name: fieldError("name"),
    templateId: fieldError("templateId"),
    cadence: fieldError("cadence"),
    durationMinutes: fieldError("durationMinutes"),
    timezone: fieldError("timezone"),
  };
  const describedBy = (...idList: (string | false | undefined)[]) => idList.filter(Boolean).join(" ") || undefined;

  return (
    <form className="create-space" onSubmit={onSubmit} aria-label="New Space">
      <div className="create-main">
        <div className="field">
          <label htmlFor={ids.name}>Space name</label>
          <input
            id={ids.name}
            name="name"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setBlankName(false);
            }}
            required
            maxLength={120}
            autoComplete="off"
            placeholder="e.g. Engineering leadership sync"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(ids.nameHint, errors.name && ids.nameError)}
          />
          <p className="hint" id={ids.nameHint}>
            The recurring meeting this Space is for. Everyone you invite sees this name.
          </p>
          {errors.name ? (
            <p className="field-error" id={ids.nameError}>
              {errors.name}
            </p>
          ) : null}
        </div>

        <fieldset
          className="template-picker"
          aria-describedby={errors.templateId ? ids.templateError : undefined}
          aria-invalid={errors.templateId ? true : undefined}
        >
          <legend className="label">Template</legend>
          {templates.isPending ? <Loading label="Loading the templates" /> : null}
          <ErrorMessage error={templates.error} title="The templates could not be loaded" />
          {templates.data && list.length === 0 ? (
            <p className="empty-state">No templates are installed. Ask whoever runs this Docket to add one.</p>
          ) : null}
          <div className="template-options">
            {list.map((candidate) => (
              <label
                key={candidate.id}
                className={`template-option${candidate.id === template?.id ? " is-selected" : ""}`}
              >
                <input
                  type="radio"
                  name="templateId"
                  value={candidate.id}
                  checked={candidate.id === template?.id}
                  onChange={() => setTemplateId(candidate.id)}
                />
                <span className="template-option-body">
                  <span className="template-name">{candidate.name}</span>
                  <span className="template-purpose">{candidate.purpose}</span>
                  <span className="template-meta">
                    {CADENCE_WORDS[candidate.cadence]} · {candidate.durationMinutes} min · {candidate.sections.length}{" "}
                    sections
                  </span>
                </span>
              </label>
            ))}
          </div>
          {errors.templateId ? (
            <p className="field-error" id={ids.templateError}>
              {errors.templateId}
            </p>
          ) : null}
        </fieldset>

        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.cadence}>How often it meets</label>
            <select
              id={ids.cadence}
              value={chosenCadence}
              onChange={(event) => setCadence(event.target.value as Cadence)}
              aria-invalid={errors.cadence ? true : undefined}
              aria-describedby={errors.cadence ? ids.cadenceError : undefined}
            >
              {CADENCES.map((value) => (
                <option key={value} value={value}>
                  {CADENCE_WORDS[value]}
                </option>
              ))}
            </select>
            {errors.cadence ? (
              <p className="field-error" id={ids.cadenceError}>
                {errors.cadence}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.duration}>Length in minutes</label>
            <input
              id={ids.duration}
              type="number"
              inputMode="numeric"
              min={5}
              max={480}
              step={5}
              value={chosenDuration}
              onChange={(event) => setDuration(event.target.value)}
              aria-invalid={errors.durationMinutes ? true : undefined}
              aria-describedby={errors.durationMinutes ? ids.durationError : undefined}
            />
            {errors.durationMinutes ? (
              <p className="field-error" id={ids.durationError}>
                {errors.durationMinutes}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.timezone}>Time zone</label>
            <input
              id={ids.timezone}
              value={timezone}
              onChange={(event) => setTimezone(event.target.value)}
              list={ids.zones}
              required
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errors.timezone ? true : undefined}
              aria-describedby={describedBy(ids.timezoneHint, errors.timezone && ids.timezoneError)}
            />
            <datalist id={ids.zones}>
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <p className="hint" id={ids.timezoneHint}>
              Meeting times and due dates ("by Friday") are read in this zone.
            </p>
            {errors.timezone ? (
              <p className="field-error" id={ids.timezoneError}>
                {errors.timezone}
              </p>
            ) : null}
          </div>
        </div>

        {create.error && (!(create.error instanceof ApiFailure) || issues.length === 0 || otherIssues) ? (
          <ErrorMessage error={create.error} title="The Space could not be created" />
        ) : create.error ? (
          <p className="field-error form-error" role="alert">
            Check the fields marked above.
          </p>
        ) : null}
        <div className="page-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending || !template}>
            {create.isPending ? "Creating the Space…" : "Create Space"}
          </button>
          <Link href="/" className="button button-quiet">
            Cancel
          </Link>
        </div>
      </div>

      {/* It scrolls on its own beside the form, so keyboard users can focus it to scroll. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <aside className="template-preview panel" aria-labelledby="template-preview-heading" tabIndex={0}>
        {template ? <TemplatePreview template={template} /> : <p className="muted">Pick a template to preview it.</p>}
      </aside>
    </form>
  );
}

function TemplatePreview({ template }: { template: Template }) {
  const sections = template.sections.filter((section) => section.kind !== "details");
  return (
    <>
      <p className="eyebrow">Preview</p>
      <h2 id="template-preview-heading">{template.name}</h2>
      <p className="muted">{template.purpose}</p>
      <h3>What the notes hold</h3>
      <ol className="preview-sections" aria-label={`Sections of ${template.name}`}>
        {sections.map((section) => (
          <li key={section.id}>
            <span className="preview-section-title">{section.title}</span>{" "}
            <span className="badge badge-neutral">{KIND_WORDS[section.kind] ?? section.kind}</span>
            {section.description ? <span className="preview-description">{section.description}</span> : null}
            {section.columns?.length ? (
              <span className="preview-columns">
                <span className="visually-hidden">Columns: </span>
                {section.columns.map((column) => column.label).join(" · ")}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {template.beforeMeeting.length > 0 ? (
        <>
          <h3>Before the meeting</h3>
          <ul className="preview-before">
            {template.beforeMeeting.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function InviteStep({ space }: { space: Space }) {
  const [, navigate] = useLocation();
  return (
    <section className="panel invite-step" aria-labelledby="invite-heading">
      <p className="notice" role="status">
        The Space “{space.name}” was created on the {space.template.name} template. You are its owner.
      </p>
      <h2 id="invite-heading">Invite the people who attend</h2>
      <p className="muted">
        Create a link and share it in your team's channel. Whoever opens it while signed in joins the Space. You can
        invite more people later from the Space's page.
      </p>
      <InviteLink spaceId={space.id} />
      <div className="page-actions invite-step-actions">
        <button type="button" className="button button-primary" onClick={() => navigate(`/spaces/${space.id}`)}>
          Go to the Space
        </button>
      </div>
    </section>
  );
}
