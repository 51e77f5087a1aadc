import { describe, expect, it } from 'vitest';

import { checkPasswordStrength } from './password-strength.js';

const problemOf = (password: string, userInputs: string[] = []) => {
  const verdict = checkPasswordStrength(password, userInputs);
  return verdict.acceptable ? undefined : verdict.problem;
};

describe('checkPasswordStrength', () => {
  it('accepts long passwords that are hard to guess', () => {
    for (const password of ['correct horse battery staple', 'wendy-keeps-eleven-plants', 'Tr0ub4dor&3xyz']) {
      expect(checkPasswordStrength(password, ['wendy']), password).toEqual({ acceptable: true });
    }
  });

  it('refuses short ones first, whatever they are made of', () => {
    expect(problemOf('x9$Lq!2vB')).toBe('too short: it needs at least 12 characters');
  });

  it('says in plain words why a long one is too easy to guess', () => {
    expect(problemOf('aaaaaaaaaaaa')).toMatch(
      /^too easy to guess: repeated characters like "aaa" are easy to guess; /,
    );
    expect(problemOf('password1234')).toMatch(
      /^too easy to guess: it is close to a commonly used password; /,
    );
    expect(problemOf('abcdefghijklm')).toMatch(
      /^too easy to guess: sequences like "abc" or "6543" are easy to guess/,
    );
    expect(problemOf('wilhelmina1990', ['wilhelmina'])).toMatch(
      /^too easy to guess: it contains the user name; /,
    );
  });

  it('ends each reason with advice', () => {
    expect(problemOf('password1234')).toContain('add a word or two; uncommon words are better');
  });
});
