import type { ReactNode } from "react";
import { describeError } from "../api";

/** A wait the person can see and a screen reader hears. */
export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

/** An API error, in words, where the person was looking. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {describeError(error)}
    </div>
  );
}

/** An empty list says what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <p>{children}</p> : null}
      {action}
    </div>
  );
}

/** Progress of a long operation: a bar when the total is known, else a spinner with the label. */
export function Progress({ label, done, total }: { label: string; done?: number; total?: number }) {
  if (done === undefined || !total) return <Loading label={label} />;
  return (
    <div className="progress" role="status" aria-live="polite">
      <progress max={total} value={done} aria-label={label} />
      <span>
        {label}: {done} of {total}
      </span>
    </div>
  );
}
