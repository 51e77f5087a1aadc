const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const decimal: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes quantity (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/) as a number. */
export function parseQuantity(quantity: string | number): number {
  const match = /^([0-9.]+)([A-Za-z]*)$/.exec(String(quantity));
  const suffix = match?.[2] ?? '';
  const factor = binary[suffix] ?? decimal[suffix];
  if (!match || factor === undefined) throw new Error(`not a quantity: ${quantity}`);
  return Number(match[1]) * factor;
}
