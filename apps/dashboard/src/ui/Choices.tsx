import type { ReactNode } from 'react';
import './choices.css';

interface ChoicesProps<T extends string> {
  legend: string;
  /** Keep the legend for screen readers only, where the page's heading already says it. */
  hideLegend?: boolean;
  name: string;
  value: T;
  onChange: (value: T) => void;
  /** A disabled option stays visible (its description says why) and cannot be chosen. */
  options: { value: T; title: string; badge?: ReactNode; description: ReactNode; disabled?: boolean }[];
}

/** A set of radio buttons drawn as cards: a real radio group, so arrows and Space work as usual. */
export function Choices<T extends string>({
  legend,
  hideLegend,
  name,
  value,
  onChange,
  options,
}: ChoicesProps<T>) {
  return (
    <fieldset className="choices">
      <legend className={hideLegend ? 'visually-hidden' : undefined}>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={option.disabled ? 'choice choice-disabled' : 'choice'}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            disabled={option.disabled}
            onChange={() => onChange(option.value)}
          />
          <strong>{option.title}</strong> {option.badge}
          <br />
          {option.description}
        </label>
      ))}
    </fieldset>
  );
}
