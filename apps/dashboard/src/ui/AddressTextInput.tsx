import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

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
  const written = useRef(new Set<string>());
  useEffect(() => {
    if (written.current.has(value)) {
      if (value === typed) written.current.clear();
      return;
    }
    written.current.clear();
    setTyped(value);
    // Only a change of the address is followed; `typed` is read as it is then.
  }, [value]);
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
