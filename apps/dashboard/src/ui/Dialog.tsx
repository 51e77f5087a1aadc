import * as RadixDialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  children: ReactNode;
  /** A class for the content box, beside `dialog-content`. */
  className?: string;
  /** False when closing goes to another page, which takes focus itself (the jump box). */
  returnFocus?: boolean;
}

/**
 * A modal dialog on Radix's primitive: it traps focus, closes on Escape and names itself by its title and
 * description for screen readers. Our dialogs open from state, not from a Radix Trigger, so Radix would send focus
 * to <body> on close; this returns it to what had focus when the dialog opened (the button that opened it).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  className,
  returnFocus = true,
}: DialogProps) {
  const opener = useRef<HTMLElement | null>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={['dialog-content', className].filter(Boolean).join(' ')}
          // Runs before focus moves into the dialog: what has focus now opened it.
          onOpenAutoFocus={() => {
            opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          onCloseAutoFocus={(event) => {
            // An opener that is gone (the store was deleted, the page changed) leaves focus to the new page.
            if (!returnFocus) event.preventDefault();
            if (!returnFocus || !opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
        >
          <RadixDialog.Title>{title}</RadixDialog.Title>
          <RadixDialog.Description>{description}</RadixDialog.Description>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;
