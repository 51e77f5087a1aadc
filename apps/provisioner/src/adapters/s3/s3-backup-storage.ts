import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

import type { Settings } from '../../config/settings.js';
import type { BackupStorage } from '../../ports/backup-storage.js';

type S3Settings = Pick<
  Settings,
  | 'BACKUP_S3_ENDPOINT'
  | 'BACKUP_S3_BUCKET'
  | 'BACKUP_S3_REGION'
  | 'BACKUP_S3_FORCE_PATH_STYLE'
  | 'BACKUP_S3_ACCESS_KEY_ID'
  | 'BACKUP_S3_SECRET_ACCESS_KEY'
>;

const missing = (error: unknown) =>
  error instanceof NoSuchKey ||
  (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

/** BackupStorage on an S3-compatible bucket (@aws-sdk/client-s3): AWS, MinIO, rclone serve s3. */
export class S3BackupStorage implements BackupStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.BACKUP_S3_BUCKET;
    this.client = new S3Client({
      endpoint: settings.BACKUP_S3_ENDPOINT,
      region: settings.BACKUP_S3_REGION,
      forcePathStyle: settings.BACKUP_S3_FORCE_PATH_STYLE,
      credentials: {
        accessKeyId: settings.BACKUP_S3_ACCESS_KEY_ID,
        secretAccessKey: settings.BACKUP_S3_SECRET_ACCESS_KEY,
      },
    });
  }

  async readManifest(key: string): Promise<unknown> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = (await object.Body?.transformToString()) ?? '';
      return JSON.parse(text) as unknown;
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  }

  async verifyArchive(key: string, expected: { sha256: string; bytes: number }): Promise<string | undefined> {
    let body: Readable;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      body = object.Body as Readable;
    } catch (error) {
      if (missing(error)) return `the archive ${key} is missing from bucket ${this.bucket}`;
      throw error;
    }
    // Streamed: an archive may be far larger than the provisioner's memory.
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const chunk of body) {
        const buffer = chunk as Buffer;
        hash.update(buffer);
        bytes += buffer.length;
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return `the archive ${key} could not be read whole (${why} after ${bytes} bytes): it is truncated or corrupted`;
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== expected.sha256) {
      return `the archive's sha256 is ${sha256}, not ${expected.sha256} as its manifest says: it is corrupted`;
    }
    if (bytes !== expected.bytes) {
      return `the archive has ${bytes} bytes, not ${expected.bytes} as its manifest says`;
    }
    return undefined;
  }

  async deletePrefix(prefix: string): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length) {
        await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        removed += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }
}
