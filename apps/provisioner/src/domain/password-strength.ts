/**
 * The password rule: at least 12 characters, and hard to guess by zxcvbn's estimate (score 3 or more of 4:
 * "safely unguessable", about 10^8 guesses or more), which knows common passwords, repeats, sequences, keyboard
 * rows, dates and the user's own name. Dictionaries are bundled in @zxcvbn-ts/language-common: nothing is fetched
 * (docs/decisions/007-password-strength.md).
 */
import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

import { PlatformError } from './errors.js';

export const minPasswordLength = 12;
const minScore = 3;

/** zxcvbn's feedback in the platform's words (it ships keys, and English sentences only in another package). */
const plainWords: TranslationKeys = {
  warnings: {
    straightRow: 'a row of keys like "qwerty" is easy to guess',
    keyPattern: 'short keyboard patterns are easy to guess',
    simpleRepeat: 'repeated characters like "aaa" are easy to guess',
    extendedRepeat: 'repeated patterns like "abcabcabc" are easy to guess',
    sequences: 'sequences like "abc" or "6543" are easy to guess',
    recentYears: 'recent years are easy to guess',
    dates: 'dates are easy to guess',
    topTen: 'it is one of the ten most used passwords',
    topHundred: 'it is one of the hundred most used passwords',
    common: 'it is a commonly used password',
    similarToCommon: 'it is close to a commonly used password',
    wordByItself: 'a single word is easy to guess',
    namesByThemselves: 'names by themselves are easy to guess',
    commonNames: 'common names are easy to guess',
    userInputs: 'it contains the user name',
    pwned: 'it appeared in a data breach',
  },
  suggestions: {
    l33t: 'swapping letters for look-alikes such as "@" for "a" does not help much',
    reverseWords: 'a word spelled backwards is still easy to guess',
    allUppercase: 'capitalise some letters, not all',
    capitalization: 'capitalise more than the first letter',
    dates: 'leave out dates and years that are linked to you',
    recentYears: 'leave out recent years',
    associatedYears: 'leave out years that are linked to you',
    sequences: 'leave out common sequences',
    repeated: 'leave out repeated words and characters',
    longerKeyboardPattern: 'use longer keyboard patterns that change direction',
    anotherWord: 'add a word or two; uncommon words are better',
    useWords: 'use several words, but not a common phrase',
    noNeed: 'you need no symbols, digits or capitals: a few uncommon words will do',
    pwned: 'if you use this password anywhere else, change it there',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};

let estimator: ZxcvbnFactory | undefined;
// Built on first use: loading the dictionaries takes a moment that processes without users need not spend.
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, translations: plainWords }));

/** Whether a password may be used; if not, what is wrong, in words that follow "the password is". */
export type PasswordVerdict = { acceptable: true } | { acceptable: false; problem: string };

/**
 * Checks a new password against the rule. `userInputs` are words the password must not lean on: the user name,
 * and anything else known about the user.
 */
export function checkPasswordStrength(password: string, userInputs: string[] = []): PasswordVerdict {
  if (password.length < minPasswordLength) {
    return { acceptable: false, problem: `too short: it needs at least ${minPasswordLength} characters` };
  }
  const { score, feedback } = zxcvbn().check(password, userInputs);
  if (score >= minScore) return { acceptable: true };
  const reasons = [feedback.warning, ...feedback.suggestions].filter(Boolean);
  if (reasons.length === 0) reasons.push(plainWords.suggestions.anotherWord);
  return { acceptable: false, problem: `too easy to guess: ${reasons.join('; ')}` };
}

/** Throws a 400 naming `field` when the password breaks the rule; for every route that sets a password. */
export function requireStrongPassword(password: string, userInputs: string[], field = 'body.password'): void {
  const verdict = checkPasswordStrength(password, userInputs);
  if (verdict.acceptable) return;
  throw new PlatformError('validation_failed', `the password is ${verdict.problem}`, {
    fields: [{ field, problem: verdict.problem }],
  });
}
