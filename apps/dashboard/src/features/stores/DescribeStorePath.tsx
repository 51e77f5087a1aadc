import type { EngineView, QuotaView } from '@store-platform/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

import { useProposeStore } from '../../api/assistant.js';
import { ApiError } from '../../api/client.js';
import { useCreateStore } from '../../api/queries.js';
import { plainWords } from '../../ui/ErrorState.js';
import { DescribeStore } from './DescribeStore.js';
import { draftOf, type ProposalDraft } from './proposal-draft.js';
import { ProposalForm } from './ProposalForm.js';
import { refusalOf } from './refusal.js';
import { describePath, useDescribeStep } from './use-describe-step.js';
import './wizard.css';

/** A link's state saying the path was opened from the page (its heading then takes the focus). */
const entered = { describeEntered: true };

/** The way into the "Describe your store" path, offered beside the wizard while the assistant is on. */
export function DescribeOffer({ model }: { model: string }) {
  return (
    <p className="describe-offer">
      <Link className="button" to={describePath} state={entered}>
        Describe your store
      </Link>{' '}
      <span className="muted">and {model} proposes it for you to review, or choose each setting below.</span>
    </p>
  );
}

/**
 * The failure of a proposal in words: the API's own sentence (the model did not answer, or its answer was not a
 * valid store), or, with no reply of the API's shape, what the dashboard can say.
 */
function failureWords(error: Error | null): string | undefined {
  if (!error) return undefined;
  return error instanceof ApiError && error.body.code !== 'http_error' ? error.message : plainWords(error);
}

export interface DescribeStorePathProps {
  /** The model the operator configured (GET /assistant). */
  model: string;
  engines?: EngineView[];
  baseDomain?: string;
  quota?: QuotaView;
  takenNames: string[];
}

/**
 * The new-store page's other path: a description, the model's proposal to review and change, then the same
 * POST /stores as the wizard, which opens the new store's page. Both steps are in the address (use-describe-step.ts);
 * what was typed stays while the page is open, so that "Start over" (or Back) returns to the description as it was.
 */
export function DescribeStorePath({ model, engines, baseDomain, quota, takenNames }: DescribeStorePathProps) {
  const { step, review, startOver, toDescription } = useDescribeStep();
  const location = useLocation();
  const navigate = useNavigate();
  const propose = useProposeStore();
  const create = useCreateStore();
  const [prompt, setPrompt] = useState('');
  const [draft, setDraft] = useState<ProposalDraft>();
  const heading = useRef<HTMLHeadingElement>(null);

  // The heading takes the focus when the step changes, and on arrival from the page's link (not on a fresh load).
  const shown = useRef((location.state as typeof entered | null)?.describeEntered ? undefined : step);
  useEffect(() => {
    if (shown.current !== step) heading.current?.focus();
    shown.current = step;
  }, [step]);
  // A proposal's address opened afresh (no proposal in this page) shows the description.
  useEffect(() => {
    if (step === 'review' && !draft) toDescription();
  }, [step]);

  if (step === 'review' && draft && propose.data) {
    return (
      <ProposalForm
        draft={draft}
        onChange={(next) => {
          setDraft(next);
          // A refusal was of what was sent; once something is changed, it no longer says what is wrong.
          create.reset();
        }}
        model={propose.data.model}
        adjustments={propose.data.adjustments}
        engineTitle={engines?.find((e) => e.id === draft.engine)?.title}
        baseDomain={baseDomain}
        takenNames={takenNames}
        submitting={create.isPending}
        serverError={refusalOf(create.error)}
        onSubmit={(request) =>
          create.mutate(request, { onSuccess: (store) => void navigate(`/stores/${store.name}`) })
        }
        onStartOver={startOver}
        headingRef={heading}
      />
    );
  }
  return (
    <DescribeStore
      model={model}
      prompt={prompt}
      onPromptChange={setPrompt}
      quota={quota}
      asking={propose.isPending}
      error={failureWords(propose.error)}
      onPropose={(text) =>
        propose.mutate(
          { prompt: text },
          {
            onSuccess: (answer) => {
              setDraft(draftOf(answer.proposal));
              create.reset();
              review();
            },
          },
        )
      }
      headingRef={heading}
    />
  );
}
