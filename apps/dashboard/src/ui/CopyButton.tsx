import { useEffect, useState } from 'react';

import { Button } from './Button.js';
import './copy.css';

interface CopyButtonProps {
  /** What is copied. */
  value: string;
  /** What it is, for screen readers: "Copy storefront URL". */
  what: string;
  /** The visible word; "Copy" unless said. */
  label?: string;
}

/** How long "Copied" stays on the button before it offers to copy again. */
export const copiedForMs = 2000;

/**
 * Copies `value` and says so on the button ("Copied") for two seconds. Browsers refuse the clipboard to some pages
 * (plain HTTP on a remote host, a denied permission); then it says how to copy by hand. Not a live region: the
 * page has one (the toasts), and a focused button's new name is read out anyway.
 */
export function CopyButton({ value, what, label = 'Copy' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), copiedForMs);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      // Undefined outside secure contexts: that is a refusal too.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('refused');
    }
  };
  return (
    <span className="copy">
      <Button className="button-small" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : label}
        <span className="visually-hidden"> {what}</span>
      </Button>
      {state === 'refused' && (
        <span role="alert" className="copy-refused">
          This browser did not let the page copy; select the text and press Ctrl+C (⌘C).
        </span>
      )}
    </span>
  );
}
