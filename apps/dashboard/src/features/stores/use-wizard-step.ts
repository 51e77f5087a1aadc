import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** The wizard's steps, as they appear in the address (`?step=plan`). */
export const wizardSteps = ['engine', 'plan', 'review'] as const;
export type WizardStep = (typeof wizardSteps)[number];

/**
 * The wizard's step, kept in the address: each step forward is a history entry, so that the browser's Back goes
 * to the previous step (the component, and what was typed, stay). The wizard's own Back button is the browser's
 * Back when the previous entry is that step, and otherwise (the address was opened at a later step) replaces it.
 */
export function useWizardStep() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const asked = params.get('step');
  const step: WizardStep = wizardSteps.find((s) => s === asked) ?? 'engine';
  const index = wizardSteps.indexOf(step);
  const to = (next: WizardStep, replace: boolean) =>
    void navigate(`?step=${next}`, { replace, state: replace ? location.state : { wizardForward: true } });
  return {
    step,
    index,
    forward: (next: WizardStep) => to(next, false),
    /** Shows `next` instead of the current step, adding no history (a refused name sends the user back). */
    replace: (next: WizardStep) => to(next, true),
    back: () => {
      const previous = wizardSteps[index - 1];
      if (!previous) return;
      if ((location.state as { wizardForward?: boolean } | null)?.wizardForward) void navigate(-1);
      else to(previous, true);
    },
  };
}
