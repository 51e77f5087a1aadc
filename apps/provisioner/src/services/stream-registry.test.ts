import { describe, expect, it } from 'vitest';

import { PlatformError } from '../domain/errors.js';
import { StreamRegistry, type StreamOwner } from './stream-registry.js';

/** A stream as the registry sees it, recording what it was sent and whether it was ended. */
function recordingStream() {
  const sent: { event: string; data: unknown }[] = [];
  let ended = false;
  return {
    sent,
    ended: () => ended,
    connection: {
      send: (event: string, data: unknown) => sent.push({ event, data }),
      end: () => (ended = true),
    },
  };
}

const owner = (username: string, credential: string, valid: () => Promise<boolean> = async () => true) =>
  ({ username, credential, stillValid: valid }) satisfies StreamOwner;

function registry(perUser = 3) {
  const lookups: string[] = [];
  const streams = new StreamRegistry({
    perUser,
    lookup: async (name) => {
      lookups.push(name);
      return name === 'gone' ? undefined : { name, status: 'running' };
    },
    log: () => undefined,
  });
  return { streams, lookups };
}

describe('StreamRegistry', () => {
  it('looks a changed store up once, however many streams are open', async () => {
    const { streams, lookups } = registry(10);
    const open = Array.from({ length: 6 }, () => recordingStream());
    open.forEach((s, i) => streams.open(owner(`user-${i % 2}`, `session-${i}`), s.connection));
    await streams.publish('shop');
    await streams.publish('gone');
    expect(lookups).toEqual(['shop', 'gone']);
    for (const s of open) {
      expect(s.sent).toEqual([
        { event: 'store', data: { name: 'shop', status: 'running' } },
        { event: 'store-deleted', data: { name: 'gone' } },
      ]);
    }
  });

  it('refuses a user more than `perUser` streams, and counts a closed one out', () => {
    const { streams } = registry(2);
    const close = streams.open(owner('vera', 'session-a'), recordingStream().connection);
    streams.open(owner('vera', 'token-b'), recordingStream().connection);
    streams.open(owner('otto', 'session-c'), recordingStream().connection);
    const refused = () => streams.open(owner('vera', 'session-a'), recordingStream().connection);
    expect(refused).toThrow(PlatformError);
    expect(refused).toThrow(
      'you have 2 event streams open already, the most one user may; close one (a browser tab) first',
    );
    close();
    expect(() => streams.open(owner('vera', 'session-a'), recordingStream().connection)).not.toThrow();
  });

  it('ends the streams of one session, or all of a user’s, telling each why', () => {
    const { streams } = registry();
    const [a, b, c] = [recordingStream(), recordingStream(), recordingStream()];
    streams.open(owner('vera', 'session-a'), a.connection);
    streams.open(owner('vera', 'token-b'), b.connection);
    streams.open(owner('otto', 'session-c'), c.connection);
    streams.closeCredential('session-a', 'you signed out');
    expect([a.ended(), b.ended(), c.ended()]).toEqual([true, false, false]);
    expect(a.sent).toEqual([{ event: 'session-ended', data: { message: 'you signed out' } }]);
    streams.closeFor('vera', 'your account was disabled');
    expect([b.ended(), c.ended()]).toEqual([true, false]);
    expect(streams.countFor('vera')).toBe(0);
  });

  it('rechecks each session or token once, ends the invalid ones, and keeps them when the check fails', async () => {
    const { streams } = registry(5);
    const checks: string[] = [];
    const check = (credential: string, result: boolean | Error) => async () => {
      checks.push(credential);
      if (result instanceof Error) throw result;
      return result;
    };
    const [a1, a2, b, c] = [recordingStream(), recordingStream(), recordingStream(), recordingStream()];
    streams.open(owner('vera', 'session-a', check('session-a', false)), a1.connection);
    streams.open(owner('vera', 'session-a', check('session-a', false)), a2.connection);
    streams.open(owner('vera', 'token-b', check('token-b', true)), b.connection);
    streams.open(owner('otto', 'session-c', check('session-c', new Error('database down'))), c.connection);
    await streams.recheck();
    expect(checks.sort()).toEqual(['session-a', 'session-c', 'token-b']);
    expect([a1.ended(), a2.ended(), b.ended(), c.ended()]).toEqual([true, true, false, false]);
    expect(a1.sent).toEqual([
      { event: 'session-ended', data: { message: 'your session has ended; sign in again' } },
    ]);
  });
});
