import { describe, expect, it } from 'vitest';

import { nameCheck, settledName, slugify } from './name-check.js';

describe('nameCheck', () => {
  it('says nothing while the field is empty or the name is fine', () => {
    expect(nameCheck('', [])).toBeUndefined();
    expect(nameCheck('corner-shop', ['other'])).toBeUndefined();
  });

  it.each([
    ['ab', 'The name must be 3 to 40 characters long (got 2).'],
    ['Shop', 'The name may contain only lower-case letters'],
    ['admin', 'The name "admin" is reserved by the platform.'],
    ['taken-shop', 'A store named "taken-shop" already exists.'],
  ])('explains why %s cannot be used', (name, message) => {
    expect(nameCheck(name, ['taken-shop'])).toContain(message);
  });
});

describe('slugify', () => {
  it.each([
    ['demo shop', 'demo-shop'],
    ['Demo  Shop', 'demo-shop'],
    ['Café_Zürich', 'cafe-zurich'],
    ['  leading', 'leading'],
    ['shop 2024!', 'shop-2024-'],
    ['demo ', 'demo-'],
  ])('makes %j the name %j', (typed, slug) => {
    expect(slugify(typed)).toBe(slug);
  });

  it('keeps the hyphen a space made while typing, and drops it from the name created', () => {
    expect(slugify(`${slugify('demo ')}s`)).toBe('demo-s');
    expect(settledName('shop-2024-')).toBe('shop-2024');
  });
});
