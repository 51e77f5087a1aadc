import { assistantPlanRequestSchema, type QuotaView } from '@store-platform/contracts';
import { useState, type FormEvent, type Ref } from 'react';
import { Link } from 'react-router';

import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { QuotaLine } from './QuotaLine.js';

export interface DescribeStoreProps {
  /** The model that proposes the store (GET /assistant). */
  model: string;
  prompt: string;
  onPromptChange: (prompt: string) => void;
  /** The user's stores against their limit: with none left, nothing is proposed. */
  quota?: QuotaView;
  /** True while the model is asked (up to ~30 s). */
  asking: boolean;
  /** Why the last proposal failed, in the API's words. */
  error?: string;
  onPropose: (prompt: string) => void;
  headingRef?: Ref<HTMLHeadingElement>;
}

const placeholder =
  'A bakery in Pune called Sweet Crumbs, small to start, with five cakes and cash on delivery';

/** What is wrong with a description (POST /assistant/plan's schema), in words; undefined when it can be sent. */
function promptProblem(prompt: string): string | undefined {
  if (assistantPlanRequestSchema.safeParse({ prompt }).success) return undefined;
  return `Describe the store in 10 to 2000 characters (now ${prompt.trim().length}).`;
}

/**
 * The first step of the "Describe your store" path: the store in the person's words, sent to the model for a
 * proposal (nothing is created from it). The request can take the model's 30 s, said meanwhile.
 */
export function DescribeStore({
  model,
  prompt,
  onPromptChange,
  quota,
  asking,
  error,
  onPropose,
  headingRef,
}: DescribeStoreProps) {
  const [tried, setTried] = useState(false);
  const problem = tried ? promptProblem(prompt) : undefined;
  const full = quota !== undefined && quota.used >= quota.limit;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!asking && !full && !promptProblem(prompt)) onPropose(prompt.trim());
  };
  return (
    <form onSubmit={submit} aria-labelledby="describe-step" noValidate>
      <h2 id="describe-step" tabIndex={-1} ref={headingRef}>
        Start from a description
      </h2>
      <p className="muted">
        From your words, {model} proposes a name, a plan, a title and first products. You review and change
        them before anything is created. Or <Link to={{ search: '' }}>choose each setting yourself</Link>.
      </p>
      {quota && <QuotaLine quota={quota} />}
      <Field
        label="Describe your store"
        hint="What you sell, where, and how big to start; 10 to 2000 characters."
        error={problem}
      >
        <textarea
          name="prompt"
          rows={5}
          value={prompt}
          readOnly={asking}
          placeholder={placeholder}
          onChange={(e) => onPromptChange(e.target.value)}
        />
      </Field>
      {/* Always in the page, so that screen readers announce what it says when it changes. */}
      <p role="status" className="muted">
        {asking ? `Asking ${model}… this can take up to 30 seconds.` : ''}
      </p>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div className="row">
        <Button type="submit" variant="primary" disabled={asking || full}>
          Propose a store
        </Button>
      </div>
    </form>
  );
}
