import type { ReactNode } from "react";

/** An error that stays until the person dismisses it. */
export function DismissableError({ children, onDismiss }: { children: ReactNode; onDismiss: () => void }) {
  return (
    <div className="error-message" role="alert">
      {children}{" "}
      <button type="button" className="button button-quiet button-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
