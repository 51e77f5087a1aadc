/**
 * Whether rendered NetworkPolicies let one pod reach another, by the rules of
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/: a direction is open when no policy
 * of that type selects the pod, else when one selecting policy has a rule whose peers and ports match. Enough
 * of the API for the charts' own policies: matchLabels, matchExpressions (In, NotIn, Exists, DoesNotExist),
 * namespace and pod selectors, ipBlock with except, TCP ports by number.
 */
import type { K8sObject, Rendered } from './helm.js';

/** A pod as the policies see it: its namespace (and that namespace's labels), its labels and its address. */
export interface PodRef {
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
  ip: string;
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: Rendered[] } | undefined;

function matches(selector: Selector, labels: Record<string, string>): boolean {
  if (!selector) return true;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === String(v));
  const byExpression = (selector.matchExpressions ?? []).every(
    (e: { key: string; operator: string; values?: string[] }) => {
      const value = labels[e.key];
      if (e.operator === 'In') return value !== undefined && (e.values ?? []).includes(value);
      if (e.operator === 'NotIn') return value === undefined || !(e.values ?? []).includes(value);
      if (e.operator === 'Exists') return value !== undefined;
      return value === undefined;
    },
  );
  return byLabel && byExpression;
}

const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(base) / size);
}

/** Whether a peer of a policy in `policyNamespace` names `pod`. */
function peerMatches(peer: Rendered, policyNamespace: string, pod: PodRef): boolean {
  if (peer.ipBlock) {
    const except = (peer.ipBlock.except ?? []) as string[];
    return inCidr(pod.ip, peer.ipBlock.cidr) && !except.some((c) => inCidr(pod.ip, c));
  }
  const namespaceOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, pod.namespaceLabels)
    : pod.namespace === policyNamespace;
  return namespaceOk && matches(peer.podSelector, pod.labels);
}

const isPolicy = (o: K8sObject) => o.kind === 'NetworkPolicy';

/** Whether the policies of `self`'s namespace let it talk to `other` on TCP `port` in `direction`. */
function allowed(
  policies: K8sObject[],
  policyNamespace: string,
  self: PodRef,
  other: PodRef,
  port: number,
  direction: 'Ingress' | 'Egress',
): boolean {
  const selecting = policies
    .filter(isPolicy)
    .filter((p) => (p.spec.policyTypes as string[]).includes(direction))
    .filter((p) => matches(p.spec.podSelector, self.labels));
  if (selecting.length === 0) return true;
  const key = direction === 'Ingress' ? 'ingress' : 'egress';
  const peers = direction === 'Ingress' ? 'from' : 'to';
  return selecting.some((p) =>
    ((p.spec[key] ?? []) as Rendered[]).some((rule) => {
      const portOk =
        !rule.ports?.length ||
        (rule.ports as { port: number; protocol?: string }[]).some(
          (r) => r.port === port && (r.protocol ?? 'TCP') === 'TCP',
        );
      const list = (rule[peers] ?? []) as Rendered[];
      const peerOk = list.length === 0 || list.some((peer) => peerMatches(peer, policyNamespace, other));
      return portOk && peerOk;
    }),
  );
}

/**
 * Whether `from` may open a TCP connection to `to` on `port`: the egress policies of `from`'s namespace and
 * the ingress policies of `to`'s namespace must both allow it.
 */
export function canConnect(
  policiesByNamespace: Record<string, K8sObject[]>,
  from: PodRef,
  to: PodRef,
  port: number,
): boolean {
  const out = allowed(policiesByNamespace[from.namespace] ?? [], from.namespace, from, to, port, 'Egress');
  const into = allowed(policiesByNamespace[to.namespace] ?? [], to.namespace, to, from, port, 'Ingress');
  return out && into;
}
