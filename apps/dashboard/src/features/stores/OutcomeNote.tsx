import { useEffect, useRef } from 'react';

import { Button } from '../../ui/Button.js';

/**
 * The outcome of a bulk action, kept on the page; focus moves to it, so that a screen reader reads it and the
 * keyboard continues from here, since the buttons that started the action may be gone (their stores left the view).
 */
export function OutcomeNote({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  if (!text) return null;
  return (
    <div ref={ref} tabIndex={-1} className="card outcome-note">
      <p>{text}</p>
      <Button onClick={onDismiss}>Hide this note</Button>
    </div>
  );
}
