import type { StoreProposal } from '@store-platform/contracts';
import type { FormEvent, Ref } from 'react';

import { Button } from '../../ui/Button.js';
import { Choices } from '../../ui/Choices.js';
import { Field } from '../../ui/Field.js';
import { AddressPreview } from './AddressPreview.js';
import { CatalogEditor } from './CatalogEditor.js';
import { slugify } from './name-check.js';
import { planOptions } from './plan-options.js';
import { checkProposal, type ProposalDraft } from './proposal-draft.js';
import type { Refusal } from './refusal.js';

export interface ProposalFormProps {
  draft: ProposalDraft;
  onChange: (draft: ProposalDraft) => void;
  /** The model that proposed it, and what the platform changed in its answer (in words). */
  model: string;
  adjustments: string[];
  /** The engine's title (GET /engines), when known. */
  engineTitle?: string;
  /** Stores are served at https://{name}.{baseDomain}; previewed under the name. */
  baseDomain?: string;
  takenNames: string[];
  submitting: boolean;
  /** The API's refusal of the create: under the field it names, or above the buttons. */
  serverError?: Refusal;
  onSubmit: (request: StoreProposal) => void;
  onStartOver: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
}

/** The body paths of the fields this form shows, where a refusal naming one is shown. */
function shownFields(draft: ProposalDraft): string[] {
  const products = draft.products.flatMap((_, i) =>
    ['name', 'price', 'description'].map((field) => `catalog.products.${i}.${field}`),
  );
  return ['name', 'title', 'catalog.products', ...products];
}

/**
 * A proposed store, not created yet, to review and change: its name (made valid as it is typed and checked, as in
 * the wizard), plan, title and starter catalog, checked with the contract's `storeProposalSchema` as it is edited.
 * "Create store" sends exactly what is shown, and only when nothing in it is wrong.
 */
export function ProposalForm({
  draft,
  onChange,
  model,
  adjustments,
  engineTitle,
  baseDomain,
  takenNames,
  submitting,
  serverError,
  onSubmit,
  onStartOver,
  headingRef,
}: ProposalFormProps) {
  const checked = checkProposal(draft, takenNames);
  const refusedHere = serverError?.field !== undefined && shownFields(draft).includes(serverError.field);
  const problems = {
    ...(refusedHere && serverError.field ? { [serverError.field]: serverError.message } : {}),
    ...checked.problems,
  };
  const name = checked.request?.name ?? draft.name;
  const address = baseDomain && name ? `https://${name}.${baseDomain}` : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (checked.request && !submitting) onSubmit(checked.request);
  };

  return (
    <form onSubmit={submit} aria-labelledby="proposal-step" noValidate>
      <h2 id="proposal-step" tabIndex={-1} ref={headingRef}>
        Review the proposal
      </h2>
      <p>
        Proposed by <strong>{model}</strong>: a {engineTitle ?? draft.engine} store. Nothing is created until
        you press Create store.
      </p>
      {adjustments.length > 0 && (
        <div className="notice">
          <p>The platform changed the proposal:</p>
          <ul className="compact-list">
            {adjustments.map((adjustment, index) => (
              <li key={index}>{adjustment}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="row form-fields">
        <div>
          <Field
            label="Store name"
            hint="3 to 40 lower-case letters, digits and hyphens; spaces and capitals become hyphens and lower case as you type."
            error={problems.name}
          >
            <input
              name="name"
              value={draft.name}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => onChange({ ...draft, name: slugify(e.target.value) })}
            />
          </Field>
          <AddressPreview address={address} />
        </div>
        <Field label="Store title" hint="The shop's name shown to customers." error={problems.title}>
          <input value={draft.title} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
        </Field>
      </div>
      <Choices
        legend="Plan"
        name="plan"
        value={draft.plan}
        onChange={(plan) => onChange({ ...draft, plan })}
        options={planOptions()}
      />
      <CatalogEditor
        products={draft.products}
        onChange={(products) => onChange({ ...draft, products })}
        problems={problems}
      />
      {serverError && !refusedHere && (
        <p role="alert" className="alert">
          {serverError.message}
        </p>
      )}
      {checked.problems && (
        <p className="muted" id="proposal-blocked">
          Correct the fields marked above to create the store.
        </p>
      )}
      <div className="row">
        <Button onClick={onStartOver}>Start over</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={submitting || checked.problems !== undefined}
          aria-describedby={checked.problems ? 'proposal-blocked' : undefined}
        >
          {submitting ? 'Creating…' : 'Create store'}
        </Button>
      </div>
    </form>
  );
}
