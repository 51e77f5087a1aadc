import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** The new-store page's "Describe your store" path, in the address: `?path=describe`. */
export const describePath = '?path=describe';
/** Its second step, the proposal to review: `?path=describe&step=review`. */
const reviewPath = `${describePath}&step=review`;

/** Whether the address asks for the "Describe your store" path rather than the step-by-step wizard. */
export function useDescribing(): boolean {
  const [params] = useSearchParams();
  return params.get('path') === 'describe';
}

/**
 * The describe path's step, kept in the address like the wizard's (use-wizard-step.ts): the description, then the
 * proposal to review, a history entry of its own, so that the browser's Back returns to the description.
 */
export function useDescribeStep() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const step = params.get('step') === 'review' ? 'review' : 'describe';
  const toDescription = () => void navigate(describePath, { replace: true, state: location.state });
  return {
    step,
    /** Shows the proposal, as a new history entry. */
    review: () => void navigate(reviewPath, { state: { describeForward: true } }),
    /** Back to the description: the browser's Back when the proposal was opened from it, otherwise in place. */
    startOver: () => {
      if ((location.state as { describeForward?: boolean } | null)?.describeForward) void navigate(-1);
      else toDescription();
    },
    /** Shows the description instead of the proposal, adding no history (a proposal address opened afresh). */
    toDescription,
  };
}
