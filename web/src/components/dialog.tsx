import { Dialog } from "radix-ui";
import type { ReactNode, RefObject } from "react";

/**
 * A modal dialog opened by its trigger button: overlay, panel, title and description, then `children`. Without
 * `open` it keeps its own state.
 */
export function ModalDialog({
  trigger,
  title,
  description,
  descriptionClassName,
  open,
  onOpenChange,
  initialFocus,
  confirmation = false,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  descriptionClassName?: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus starts instead of the first control. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** A question to answer: a click outside does not count as an answer. */
  confirmation?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog-content"
          onOpenAutoFocus={
            initialFocus
              ? (event) => {
                  event.preventDefault();
                  initialFocus.current?.focus();
                }
              : undefined
          }
          onInteractOutside={confirmation ? (event) => event.preventDefault() : undefined}
        >
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description className={descriptionClassName}>{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The button that closes a dialog without doing anything else ("Done", "Cancel", "Keep both"). */
export function CloseButton({
  children,
  quiet = false,
  disabled,
  buttonRef,
}: {
  children: ReactNode;
  quiet?: boolean;
  disabled?: boolean;
  buttonRef?: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <Dialog.Close asChild>
      <button type="button" className={quiet ? "button button-quiet" : "button"} ref={buttonRef} disabled={disabled}>
        {children}
      </button>
    </Dialog.Close>
  );
}
