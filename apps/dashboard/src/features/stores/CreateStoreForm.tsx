import type { CreateStoreRequest } from '@store-platform/contracts';
import { useState, type FormEvent } from 'react';

import type { EngineView } from '../../api/queries.js';
import { nameCheck } from './name-check.js';

const plans: { id: CreateStoreRequest['plan']; title: string }[] = [
  { id: 'basic', title: 'Basic: one app replica' },
  { id: 'standard', title: 'Standard: two app replicas, larger database' },
  { id: 'premium', title: 'Premium: three app replicas, largest database' },
];

export interface CreateStoreFormProps {
  engines: EngineView[];
  takenNames: string[];
  submitting: boolean;
  /** The API's refusal, shown next to the field it names (or above the button). */
  serverError?: { field?: string; message: string };
  onSubmit: (request: CreateStoreRequest) => void;
}

/** Engine, name and plan of a new store, checked as the user types; Medusa shows "Coming Soon" and cannot be chosen. */
export function CreateStoreForm({
  engines,
  takenNames,
  submitting,
  serverError,
  onSubmit,
}: CreateStoreFormProps) {
  const [engine, setEngine] = useState<CreateStoreRequest['engine']>('woocommerce');
  const [name, setName] = useState('');
  const [plan, setPlan] = useState<CreateStoreRequest['plan']>('basic');
  const chosen = engines.find((e) => e.id === engine);
  const comingSoon = chosen?.availability === 'coming_soon';
  const nameProblem =
    nameCheck(name, takenNames) ?? (serverError?.field === 'name' ? serverError.message : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!comingSoon && name && !nameProblem) onSubmit({ name, engine, plan });
  };
  return (
    <form onSubmit={submit} aria-label="Create a store">
      <fieldset>
        <legend>Engine</legend>
        {engines.map((e) => (
          <label key={e.id} style={{ display: 'block' }}>
            <input
              type="radio"
              name="engine"
              value={e.id}
              checked={engine === e.id}
              onChange={() => setEngine(e.id)}
            />{' '}
            {e.title}
            {e.availability === 'coming_soon' && <strong> Coming Soon</strong>} <small>{e.description}</small>
          </label>
        ))}
        {comingSoon && <p role="note">{chosen?.title} is coming soon: choose WooCommerce for now.</p>}
      </fieldset>
      <label style={{ display: 'block' }}>
        Store name
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
          aria-invalid={Boolean(nameProblem)}
          aria-describedby="name-problem"
        />
      </label>
      <p id="name-problem" role={nameProblem ? 'alert' : undefined}>
        {nameProblem}
      </p>
      <label style={{ display: 'block' }}>
        Plan
        <select
          name="plan"
          value={plan}
          onChange={(e) => setPlan(e.target.value as CreateStoreRequest['plan'])}
        >
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      {serverError && serverError.field !== 'name' && <p role="alert">{serverError.message}</p>}
      <button type="submit" disabled={submitting || comingSoon || !name || Boolean(nameProblem)}>
        {submitting ? 'Creating…' : 'Create store'}
      </button>
    </form>
  );
}
