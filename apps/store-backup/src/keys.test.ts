import { describe, expect, it } from 'vitest';

import { archiveKey, backupPrefix, manifestKey, parseBackupFolder } from './keys.js';

describe('object keys', () => {
  it('puts a backup under {prefix}stores/{store}/{id}/', () => {
    const folder = backupPrefix('platform/', 'shop', '20261203-1200');
    expect(folder).toBe('platform/stores/shop/20261203-1200/');
    expect(archiveKey(folder)).toBe('platform/stores/shop/20261203-1200/archive.tar.gz');
    expect(manifestKey(folder)).toBe('platform/stores/shop/20261203-1200/manifest.json');
  });

  it('accepts an empty prefix and one without its slash', () => {
    expect(backupPrefix('', 'shop', 'b1')).toBe('stores/shop/b1/');
    expect(backupPrefix('team-a', 'shop', 'b1')).toBe('team-a/stores/shop/b1/');
  });

  it('reads the store and backup id back from a folder', () => {
    expect(parseBackupFolder('platform/stores/shop/b1/')).toEqual({ store: 'shop', backupId: 'b1' });
    expect(parseBackupFolder('stores/shop/b1/')).toEqual({ store: 'shop', backupId: 'b1' });
    expect(() => parseBackupFolder('platform/shop/b1/')).toThrow('not a backup folder');
  });
});
