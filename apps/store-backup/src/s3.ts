import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';

import type { CommonEnv } from './config.js';

/** The bucket a backup goes to, as the Job's environment names it. */
export interface Bucket {
  client: S3Client;
  name: string;
}

/** An S3 client for the configured endpoint (AWS, MinIO, rclone serve s3 ...). */
export function openBucket(env: CommonEnv): Bucket {
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    // The SDK's default CRC checksums on every request are an AWS extension that not every S3-compatible
    // server accepts; the archive carries its own sha256 in the manifest.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { client, name: env.S3_BUCKET };
}

/**
 * Uploads a stream of unknown length as a multipart upload: 8 MiB parts, two in flight, so memory stays near
 * 16 MiB whatever the archive's size. https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-lib-storage/
 */
export async function uploadStream(bucket: Bucket, key: string, body: Readable, contentType: string) {
  const upload = new Upload({
    client: bucket.client,
    params: { Bucket: bucket.name, Key: key, Body: body, ContentType: contentType },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  });
  await upload.done();
}

/** Writes a small text object (the manifest). */
export async function putText(bucket: Bucket, key: string, text: string, contentType: string) {
  await bucket.client.send(
    new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: text, ContentType: contentType }),
  );
}

/** An object's body as a stream, or undefined when there is no such object. */
export async function getStream(bucket: Bucket, key: string): Promise<Readable | undefined> {
  try {
    const reply = await bucket.client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
    return reply.Body as Readable;
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
}

/** An object's text, or undefined when there is no such object. */
export async function getText(bucket: Bucket, key: string): Promise<string | undefined> {
  const body = await getStream(bucket, key);
  if (!body) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
