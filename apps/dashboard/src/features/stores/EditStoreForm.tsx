import {
  planCatalog,
  updateStoreRequestSchema,
  type PlanId,
  type StoreView,
  type UpdateStoreRequest,
} from '@store-platform/contracts';
import { useState, type FormEvent } from 'react';

import { Button } from '../../ui/Button.js';
import { Choices } from '../../ui/Choices.js';
import { Field } from '../../ui/Field.js';
import { planOptions } from './plan-options.js';

export interface EditStoreFormProps {
  store: StoreView;
  /** Engine versions the store may move to (GET /engines); empty: no choice is shown. */
  versions: string[];
  previewing: boolean;
  /** Called on every edit: a preview made before it no longer says what would change. */
  onEdit: () => void;
  onPreview: (request: UpdateStoreRequest) => void;
}

interface Draft {
  plan: PlanId;
  replicas: string;
  title: string;
  adminEmail: string;
  engineVersion: string;
}

/** What each field's refusal says, in plain words (the contract's schema decides what is refused). */
const problems: Record<string, string> = {
  replicas: 'A whole number of app replicas from 1 to 10.',
  title: 'A title of 1 to 100 characters.',
  adminEmail: 'An e-mail address, such as owner@example.com.',
  engineVersion: 'One of the versions offered.',
};

/** The request for what differs from the store now; a field left as it is (or blank) keeps its value. */
function requestOf(store: StoreView, draft: Draft): Record<string, unknown> {
  const { settings } = store;
  const request: Record<string, unknown> = {};
  if (draft.plan !== store.plan) request.plan = draft.plan;
  const replicas = draft.replicas.trim();
  if (replicas !== '' && Number(replicas) !== settings.replicas) request.replicas = Number(replicas);
  const title = draft.title.trim();
  if (title !== '' && title !== settings.title) request.title = title;
  const adminEmail = draft.adminEmail.trim();
  if (adminEmail !== '' && adminEmail !== settings.adminEmail) request.adminEmail = adminEmail;
  if (draft.engineVersion !== '' && draft.engineVersion !== settings.engineVersion) {
    request.engineVersion = draft.engineVersion;
  }
  return request;
}

/**
 * The settings of a running store an operator may change: plan (as in the create wizard), app replicas, title,
 * admin e-mail and, when the operator allows some, the engine version. "Preview changes" sends only what differs.
 */
export function EditStoreForm({ store, versions, previewing, onEdit, onPreview }: EditStoreFormProps) {
  const { settings } = store;
  const [draft, setDraft] = useState<Draft>({
    plan: store.plan,
    replicas: settings.replicas === undefined ? '' : String(settings.replicas),
    title: settings.title ?? '',
    adminEmail: settings.adminEmail ?? '',
    engineVersion: settings.engineVersion ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const edit = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors({});
    onEdit();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateStoreRequestSchema.safeParse(requestOf(store, draft));
    if (parsed.success) {
      onPreview(parsed.data);
      return;
    }
    const found: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      found[field] ??= problems[field] ?? 'Change at least one setting first.';
    }
    setErrors(found);
  };
  const planReplicas = planCatalog.find((p) => p.id === draft.plan)?.appReplicas ?? 1;

  return (
    <form onSubmit={submit} noValidate aria-label={`Settings of ${store.name}`}>
      <Choices
        legend="Plan"
        name="plan"
        value={draft.plan}
        onChange={edit('plan')}
        options={planOptions(store.plan)}
      />
      <div className="row form-fields">
        <Field
          label="App replicas"
          hint={`Blank: ${settings.replicas === undefined ? `the plan's ${planReplicas}` : `keeps ${settings.replicas}`}. More than one needs shared storage for uploads.`}
          error={errors.replicas}
        >
          <input
            type="number"
            min={1}
            max={10}
            inputMode="numeric"
            value={draft.replicas}
            onChange={(e) => edit('replicas')(e.target.value)}
          />
        </Field>
        <Field
          label="Store title"
          hint={settings.title === undefined ? "Blank: the store's name." : 'Blank: keeps the current title.'}
          error={errors.title}
        >
          <input value={draft.title} onChange={(e) => edit('title')(e.target.value)} />
        </Field>
        <Field label="Admin e-mail" hint="The store administrator's address." error={errors.adminEmail}>
          <input
            type="email"
            autoComplete="off"
            value={draft.adminEmail}
            onChange={(e) => edit('adminEmail')(e.target.value)}
          />
        </Field>
        {versions.length > 0 && (
          <Field
            label="Engine version"
            hint="A new version runs the engine's migration."
            error={errors.engineVersion}
          >
            <select value={draft.engineVersion} onChange={(e) => edit('engineVersion')(e.target.value)}>
              <option value="">Keep {settings.engineVersion ?? 'the default'}</option>
              {versions
                .filter((v) => v !== settings.engineVersion)
                .map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
            </select>
          </Field>
        )}
      </div>
      {errors.form && (
        <p role="alert" className="alert">
          {errors.form}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={previewing}>
        {previewing ? 'Previewing…' : 'Preview changes'}
      </Button>
    </form>
  );
}
