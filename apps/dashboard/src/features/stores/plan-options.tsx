import { planCatalog, type PlanId } from '@store-platform/contracts';

/** The plans as radio choices (ui/Choices): each with its description and what it gives; `current` marked. */
export function planOptions(current?: PlanId) {
  return planCatalog.map((p) => ({
    value: p.id,
    title: p.title,
    badge: p.id === current ? <span className="badge badge-soon">Current</span> : undefined,
    description: (
      <>
        <span className="muted">{p.description}</span>
        <br />
        <small>
          {p.appReplicas} app {p.appReplicas === 1 ? 'replica' : 'replicas'} · up to {p.cpu} CPU, {p.memory}{' '}
          memory · {p.storage} storage
        </small>
      </>
    ),
  }));
}
