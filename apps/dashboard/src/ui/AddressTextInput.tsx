import { useRef, useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  /** The value kept in the address (ui/use-url-state.ts). */
  value: string;
  /** Writes a typed value to the address. */
  onValue: (value: string) => void;
};

/**
 * A text filter kept in the address. What is typed is held here and shown at once: were the field driven by the
 * address alone, a render between two fast keystrokes would show the address as it was a moment before, and the
 * next keystroke would land on that, losing a character ("fragile" arriving as "ile"). A change of the address
 * that this field did not write (Clear filters, Back) replaces what is shown.
 */
export function AddressTextInput({ value, onValue, ...input }: Props) {
  const [typed, setTyped] = useState(value);
  const [seen, setSeen] = useState(value);
  const written = useRef(new Set<string>());
  // Followed while rendering (not in an effect, a render later), so that the field never shows a stale value.
  if (value !== seen) {
    setSeen(value);
    if (!written.current.has(value)) {
      written.current.clear();
      setTyped(value);
    } else if (value === typed) {
      written.current.clear();
    }
  }
  return (
    <input
      {...input}
      value={typed}
      onChange={(event) => {
        const next = event.target.value;
        setTyped(next);
        written.current.add(next);
        onValue(next);
      }}
    />
  );
}
