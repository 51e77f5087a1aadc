import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls sideways in on a narrow screen. It takes keyboard focus (a named region), so that
 * someone without a mouse or touch can scroll it with the arrow keys too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={`${label} (scrolls sideways)`} tabIndex={0}>
      {children}
    </div>
  );
}
