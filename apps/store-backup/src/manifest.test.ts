import { describe, expect, it } from 'vitest';

import { parseManifest, type Manifest } from './manifest.js';

const manifest: Manifest = {
  format: 1,
  backupId: 'b1',
  store: 'shop',
  engine: 'woocommerce',
  engineVersion: '6.9.4-wc10.9.4',
  createdAt: '2026-12-03T12:00:00.000Z',
  chartValues: { plan: 'small' },
  database: { kind: 'mysql', name: 'wordpress', bytes: 1234 },
  uploads: { files: 3, bytes: 4567 },
  archive: { key: 'stores/shop/b1/archive.tar.gz', bytes: 890, sha256: 'a'.repeat(64) },
};

describe('manifest.json, format 1', () => {
  it('reads back what the backup writes', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('refuses another format, a bad checksum or a missing part, saying which', () => {
    expect(() => parseManifest(JSON.stringify({ ...manifest, format: 2 }))).toThrow('format');
    expect(() =>
      parseManifest(JSON.stringify({ ...manifest, archive: { ...manifest.archive, sha256: 'xyz' } })),
    ).toThrow('archive.sha256');
    const withoutUploads: Record<string, unknown> = { ...manifest };
    delete withoutUploads.uploads;
    expect(() => parseManifest(JSON.stringify(withoutUploads))).toThrow('uploads');
    expect(() => parseManifest('{')).toThrow('not JSON');
  });
});
