import { describe, expect, it } from 'vitest';

import { ConcurrencyLimit, ConcurrencyLimitBusy } from './concurrency-limit.js';

/** A task that runs until the test ends it. */
function pending() {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once and starts the waiting ones in order as others end', async () => {
    const limit = new ConcurrencyLimit({ max: 2, maxWaiting: 5, waitMs: 10_000 });
    const tasks = Array.from({ length: 4 }, () => pending());
    const started: number[] = [];
    const results = tasks.map((task, i) =>
      limit.run(() => {
        started.push(i);
        return task.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limit.running).toBe(2);
    tasks[1]?.finish('one');
    expect(await results[1]).toBe('one');
    expect(started).toEqual([0, 1, 2]);
    // A task that fails frees its place too.
    tasks[0]?.fail(new Error('boom'));
    await expect(results[0]).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2, 3]);
    tasks[2]?.finish('two');
    tasks[3]?.finish('three');
    expect(await Promise.all([results[2], results[3]])).toEqual(['two', 'three']);
    expect(limit.running).toBe(0);
  });

  it('refuses at once when `maxWaiting` tasks wait already', async () => {
    const limit = new ConcurrencyLimit({ max: 1, maxWaiting: 1, waitMs: 10_000 });
    const task = pending();
    const first = limit.run(() => task.promise);
    const second = limit.run(async () => 'second');
    await expect(limit.run(async () => 'third')).rejects.toBeInstanceOf(ConcurrencyLimitBusy);
    task.finish('first');
    expect([await first, await second]).toEqual(['first', 'second']);
  });

  it('refuses a task that waited longer than `waitMs`, and never starts it', async () => {
    const limit = new ConcurrencyLimit({ max: 1, maxWaiting: 5, waitMs: 20 });
    const task = pending();
    const first = limit.run(() => task.promise);
    let ran = false;
    const late = limit.run(async () => {
      ran = true;
    });
    await expect(late).rejects.toBeInstanceOf(ConcurrencyLimitBusy);
    task.finish('done');
    await first;
    expect(ran).toBe(false);
    expect(limit.running).toBe(0);
    expect(await limit.run(async () => 'free again')).toBe('free again');
  });
});
