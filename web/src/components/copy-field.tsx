import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/** Copies text; falls back to selecting the field for browsers that refuse the clipboard. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.("copy") ?? false;
  }
}

/**
 * A read-only field with a Copy button and a polite status ("✓ Link copied", or how to copy by hand): for a link
 * or address shown once. `noun` names what is copied ("link", "address").
 */
export function CopyField({
  label,
  value,
  noun,
  buttonLabel = "Copy",
  hint,
}: {
  label: string;
  value: string;
  noun: string;
  buttonLabel?: string;
  hint: ReactNode;
}) {
  const ids = { field: useId(), hint: useId() };
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <div className="field">
      <label htmlFor={ids.field}>{label}</label>
      <div className="copy-row">
        <input
          id={ids.field}
          ref={field}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          aria-describedby={ids.hint}
        />
        <button
          type="button"
          className="button"
          onClick={async () => setCopied((await copyText(value, field.current)) ? "copied" : "failed")}
        >
          {buttonLabel}
        </button>
      </div>
      <p className="hint" id={ids.hint}>
        {hint}
      </p>
      <p className="copy-status" role="status" aria-live="polite">
        {copied === "copied"
          ? `✓ ${noun[0]?.toUpperCase()}${noun.slice(1)} copied`
          : copied === "failed"
            ? `Select the ${noun} and copy it by hand.`
            : ""}
      </p>
    </div>
  );
}
