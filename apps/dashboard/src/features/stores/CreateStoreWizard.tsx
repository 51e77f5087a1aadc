import {
  engineTitles,
  planCatalog,
  type CreateStoreRequest,
  type EngineView,
} from '@store-platform/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Choices } from '../../ui/Choices.js';
import { Field } from '../../ui/Field.js';
import { planOptions } from './plan-options.js';
import { nameCheck } from './name-check.js';

export interface CreateStoreWizardProps {
  engines: EngineView[];
  takenNames: string[];
  submitting: boolean;
  /** The API's refusal; one that names the `name` field is shown under the name, on its step. */
  serverError?: { field?: string; message: string };
  onSubmit: (request: CreateStoreRequest) => void;
}

const stepTitles = ['Choose an engine', 'Name and plan', 'Review and create'] as const;

/**
 * Three steps: engine (MedusaJS shows "Coming Soon" and stops there), name and plan (checked as the user types),
 * and review. Each step's heading takes the focus, so that keyboard and screen-reader users follow the steps.
 */
export function CreateStoreWizard({
  engines,
  takenNames,
  submitting,
  serverError,
  onSubmit,
}: CreateStoreWizardProps) {
  const [step, setStep] = useState(0);
  const [engine, setEngine] = useState<CreateStoreRequest['engine']>('woocommerce');
  const [name, setName] = useState('');
  const [plan, setPlan] = useState<CreateStoreRequest['plan']>('basic');
  const [touched, setTouched] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen = engines.find((e) => e.id === engine);
  const comingSoon = chosen?.availability === 'coming_soon';
  const nameError =
    nameCheck(name, takenNames) ??
    (serverError?.field === 'name' ? serverError.message : undefined) ??
    (touched && name === '' ? 'Give the store a name.' : undefined);

  const [focusStep, setFocusStep] = useState(false);
  useEffect(() => {
    if (focusStep) heading.current?.focus();
  }, [step, focusStep]);
  const go = (next: number) => {
    setFocusStep(true);
    setStep(next);
  };
  // A refused name sends the user back to where it can be changed.
  useEffect(() => {
    if (serverError?.field === 'name') setStep(1);
  }, [serverError]);

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (step === 0 && !comingSoon) go(1);
    else if (step === 1) {
      setTouched(true);
      if (name && !nameError) go(2);
    } else if (step === 2) onSubmit({ name, engine, plan });
  };
  const planSummary = planCatalog.find((p) => p.id === plan);

  return (
    <form onSubmit={next} aria-labelledby="wizard-step" noValidate>
      <p className="muted">
        Step {step + 1} of {stepTitles.length}
      </p>
      <h2 id="wizard-step" tabIndex={-1} ref={heading}>
        {stepTitles[step]}
      </h2>

      {step === 0 && (
        <>
          <Choices
            legend="Engine"
            hideLegend
            name="engine"
            value={engine}
            onChange={setEngine}
            options={engines.map((e) => ({
              value: e.id,
              title: e.title,
              badge: e.availability === 'coming_soon' && (
                <span className="badge badge-soon">Coming Soon</span>
              ),
              description: <span className="muted">{e.description}</span>,
            }))}
          />
          {comingSoon && (
            <p role="status" className="notice">
              {chosen?.title} is coming soon and cannot be created yet. Choose {engineTitles.woocommerce} for
              now.
            </p>
          )}
        </>
      )}

      {step === 1 && (
        <>
          <Field
            label="Store name"
            hint="3 to 40 lower-case letters, digits and hyphens; it becomes part of the store's address."
            error={nameError}
          >
            <input
              name="name"
              value={name}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setName(e.target.value.trim())}
            />
          </Field>
          <Choices legend="Plan" name="plan" value={plan} onChange={setPlan} options={planOptions()} />
        </>
      )}

      {step === 2 && (
        <dl>
          <dt>Engine</dt>
          <dd>{chosen?.title}</dd>
          <dt>Name</dt>
          <dd>{name}</dd>
          <dt>Plan</dt>
          <dd>
            {planSummary?.title}: {planSummary?.description}
          </dd>
        </dl>
      )}

      {serverError && serverError.field !== 'name' && (
        <p role="alert" className="alert">
          {serverError.message}
        </p>
      )}
      <div className="row">
        {step > 0 && <Button onClick={() => go(step - 1)}>Back</Button>}
        {step < 2 ? (
          <Button type="submit" variant="primary" disabled={step === 0 && comingSoon}>
            Next
          </Button>
        ) : (
          <Button type="submit" variant="primary" disabled={submitting}>
            {submitting ? 'Creating…' : 'Create store'}
          </Button>
        )}
      </div>
    </form>
  );
}
