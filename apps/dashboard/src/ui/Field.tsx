import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

interface FieldProps {
  label: string;
  /** Keep the label for screen readers only, where a table's column heading already says it. */
  hideLabel?: boolean;
  hint?: ReactNode;
  /** Shown under the control, announced by screen readers, and marks the control invalid. */
  error?: string;
  /** One input or select; it gets its id, aria-invalid and aria-describedby from here. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control with its hint and its error, wired for assistive technology. */
export function Field({ label, hideLabel, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hint ? hintId : '', errorId].filter(Boolean).join(' '),
  });
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {control}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <p id={errorId} className="field-error" role={error ? 'alert' : undefined}>
        {error}
      </p>
    </div>
  );
}
