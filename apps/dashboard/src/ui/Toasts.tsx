import { useEffect, useState, useSyncExternalStore, type FocusEvent } from 'react';
import { Link } from 'react-router';

import './toasts.css';

/** A short message about finished work, with at most one link (an address in the app, or any URL). */
export interface ToastInput {
  text: string;
  action?: { label: string; href: string };
}

interface Toast extends ToastInput {
  id: number;
}

/** How long a toast stays, unless the pointer or the focus is on it. */
export const toastShownMs = 8000;
/** Older toasts give way to newer ones beyond this many, so that the corner never fills the screen. */
const maxShown = 4;

// A small store outside React: the query cache's listeners (not components) are what call toast().
let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const changed = (next: readonly Toast[]) => {
  toasts = next;
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Announces `text` politely in the app's one live region, and shows it a while. */
export function toast(input: ToastInput): void {
  changed([...toasts, { ...input, id: nextId++ }].slice(-maxShown));
}

/** Takes a toast away (its Dismiss button, or its time is up). */
function dismiss(id: number): void {
  changed(toasts.filter((t) => t.id !== id));
}

// A sentence read out without a toast, for what the page already shows in place (the connection banner).
let announcement = '';
let announcementTimer: ReturnType<typeof setTimeout> | undefined;
const announcementListeners = new Set<() => void>();
const subscribeAnnouncement = (listener: () => void) => {
  announcementListeners.add(listener);
  return () => void announcementListeners.delete(listener);
};
const setAnnouncement = (text: string) => {
  announcement = text;
  for (const listener of announcementListeners) listener();
};

/**
 * Reads `text` out politely in the same live region, with nothing shown: for a change the page already shows where
 * it happens. Cleared after a while, so that the same sentence later is read out again.
 */
export function announce(text: string): void {
  clearTimeout(announcementTimer);
  setAnnouncement(text);
  announcementTimer = setTimeout(() => setAnnouncement(''), toastShownMs);
}

/** Takes every toast away (tests, sign-out). */
export function clearToasts(): void {
  changed([]);
}

/**
 * The app's one polite live region (mount it once): toasts appear in it and are read out without moving focus.
 * The region is always in the page, empty or not, since a screen reader only follows live regions it already knows.
 */
export function ToastRegion() {
  const shown = useSyncExternalStore(subscribe, () => toasts);
  const spoken = useSyncExternalStore(subscribeAnnouncement, () => announcement);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {shown.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
      <p className="visually-hidden">{spoken}</p>
    </div>
  );
}

function ToastItem({ toast: { id, text, action } }: { toast: Toast }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  // The countdown starts again when the pointer and focus leave: a toast being read or used never vanishes.
  useEffect(() => {
    if (hovered || focused) return undefined;
    const timer = setTimeout(() => dismiss(id), toastShownMs);
    return () => clearTimeout(timer);
  }, [hovered, focused, id]);
  const blurred = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
  };
  const external = action && !action.href.startsWith('/');
  return (
    <div
      className="toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={blurred}
    >
      <p>
        {text}
        {action && ': '}
        {action &&
          (external ? (
            <a href={action.href} target="_blank" rel="noreferrer">
              {action.label}
            </a>
          ) : (
            <Link to={action.href}>{action.label}</Link>
          ))}
      </p>
      <button type="button" className="toast-dismiss" onClick={() => dismiss(id)}>
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">Dismiss</span>
      </button>
    </div>
  );
}
