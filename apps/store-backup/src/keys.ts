// Where a backup's objects live (docs/decisions/012-backups.md): `{prefix}stores/{store}/{backupId}/`.

/** The folder of one backup: `{prefix}stores/{store}/{backupId}/`. */
export function backupPrefix(prefix: string, store: string, backupId: string): string {
  const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  return `${base}stores/${store}/${backupId}/`;
}

/** The archive's key under a backup's folder. */
export const archiveKey = (folder: string) => `${folder}archive.tar.gz`;

/** The manifest's key under a backup's folder; written last, its presence makes a backup complete. */
export const manifestKey = (folder: string) => `${folder}manifest.json`;

/** The store and backup id named by a backup folder (`…stores/{store}/{id}/`). */
export function parseBackupFolder(folder: string): { store: string; backupId: string } {
  const match = /(?:^|\/)stores\/([^/]+)\/([^/]+)\/$/.exec(folder);
  if (!match) throw new Error(`not a backup folder: ${folder}`);
  return { store: match[1] as string, backupId: match[2] as string };
}
