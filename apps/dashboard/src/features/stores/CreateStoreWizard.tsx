import {
  planCatalog,
  type CreateStoreRequest,
  type EngineView,
  type QuotaView,
} from '@store-platform/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Choices } from '../../ui/Choices.js';
import { CopyAsCurl } from '../../ui/CopyAsCurl.js';
import { Field } from '../../ui/Field.js';
import { AddressPreview } from './AddressPreview.js';
import { planOptions } from './plan-options.js';
import { nameCheck, settledName, slugify } from './name-check.js';
import { QuotaLine } from './QuotaLine.js';
import { useWizardStep } from './use-wizard-step.js';
import './wizard.css';

export interface CreateStoreWizardProps {
  engines: EngineView[];
  /** Stores are served at https://{name}.{baseDomain}; the name step previews it. */
  baseDomain?: string;
  /** The user's stores against their limit; shown on the first step once known. */
  quota?: QuotaView;
  takenNames: string[];
  submitting: boolean;
  /** The API's refusal; one that names the `name` field is shown under the name, on its step. */
  serverError?: { field?: string; message: string };
  onSubmit: (request: CreateStoreRequest) => void;
}

const stepTitles = {
  engine: 'Choose an engine',
  plan: 'Name and plan',
  review: 'Review and create',
} as const;

/**
 * Three steps, each in the address (`?step=plan`, so that Back goes to the previous one): engine (with the quota;
 * MedusaJS shows "Coming Soon" and cannot be chosen), name and plan (the name made valid as it is typed, its
 * address previewed, and checked), and review. Each step's heading takes the focus, so that keyboard and
 * screen-reader users follow the steps.
 */
export function CreateStoreWizard({
  engines,
  baseDomain,
  quota,
  takenNames,
  submitting,
  serverError,
  onSubmit,
}: CreateStoreWizardProps) {
  const { step, index, forward, replace, back } = useWizardStep();
  const available = engines.filter((e) => e.availability === 'available');
  const [engine, setEngine] = useState<CreateStoreRequest['engine']>(available[0]?.id ?? 'woocommerce');
  const [typed, setTyped] = useState('');
  const [plan, setPlan] = useState<CreateStoreRequest['plan']>('basic');
  const [touched, setTouched] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = settledName(typed);
  const full = quota !== undefined && quota.used >= quota.limit;
  const nameError =
    nameCheck(name, takenNames) ??
    (serverError?.field === 'name' ? serverError.message : undefined) ??
    (touched && name === '' ? 'Give the store a name.' : undefined);

  // The heading takes the focus when the step changes (by a button or the browser's Back), not on arrival.
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current !== step) heading.current?.focus();
    shown.current = step;
  }, [step]);
  // A refused name sends the user back to where it can be changed; a later step opened without a name, too.
  useEffect(() => {
    if (serverError?.field === 'name') replace('plan');
  }, [serverError]);
  useEffect(() => {
    if (step === 'review' && (name === '' || nameError)) replace(name === '' ? 'engine' : 'plan');
  }, [step]);

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (step === 'engine' && !full) forward('plan');
    else if (step === 'plan') {
      setTouched(true);
      setTyped(name);
      if (name && !nameError) forward('review');
    } else if (step === 'review') onSubmit({ name, engine, plan });
  };
  const planSummary = planCatalog.find((p) => p.id === plan);
  const address = baseDomain && name ? `https://${name}.${baseDomain}` : undefined;

  return (
    <form onSubmit={next} aria-labelledby="wizard-step" noValidate>
      <p className="muted">
        Step {index + 1} of {Object.keys(stepTitles).length}
      </p>
      <h2 id="wizard-step" tabIndex={-1} ref={heading}>
        {stepTitles[step]}
      </h2>

      {step === 'engine' && (
        <>
          {quota && <QuotaLine quota={quota} />}
          <Choices
            legend="Engine"
            hideLegend
            name="engine"
            value={engine}
            onChange={setEngine}
            options={engines.map((e) => ({
              value: e.id,
              title: e.title,
              disabled: e.availability === 'coming_soon',
              badge: e.availability === 'coming_soon' && (
                <span className="badge badge-soon">Coming Soon</span>
              ),
              description: (
                <span className="muted">
                  {e.description}
                  {e.availability === 'coming_soon' && <> It cannot be chosen yet.</>}
                </span>
              ),
            }))}
          />
        </>
      )}

      {step === 'plan' && (
        <>
          <Field
            label="Store name"
            hint="3 to 40 lower-case letters, digits and hyphens; spaces and capitals become hyphens and lower case as you type."
            error={nameError}
          >
            <input
              name="name"
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(slugify(e.target.value))}
            />
          </Field>
          <AddressPreview address={address} />
          <Choices legend="Plan" name="plan" value={plan} onChange={setPlan} options={planOptions()} />
        </>
      )}

      {step === 'review' && (
        <>
          <dl>
            <dt>Engine</dt>
            <dd>{engines.find((e) => e.id === engine)?.title}</dd>
            <dt>Name</dt>
            <dd>{name}</dd>
            {address && (
              <>
                <dt>Address</dt>
                <dd>{address}</dd>
              </>
            )}
            <dt>Plan</dt>
            <dd>
              {planSummary?.title}: {planSummary?.description}
            </dd>
          </dl>
          <p className="muted">
            The same from a terminal or a script, with an API token from My tokens:
            <CopyAsCurl
              what="to create this store"
              request={{ method: 'POST', path: '/stores', body: { name, engine, plan } }}
            />
          </p>
        </>
      )}

      {serverError && serverError.field !== 'name' && (
        <p role="alert" className="alert">
          {serverError.message}
        </p>
      )}
      <div className="row">
        {index > 0 && <Button onClick={back}>Back</Button>}
        {step !== 'review' ? (
          <Button type="submit" variant="primary" disabled={step === 'engine' && full}>
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
