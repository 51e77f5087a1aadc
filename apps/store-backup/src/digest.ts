import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through stream that counts the bytes and computes the sha256 of what flows through it. */
export class Digest extends Transform {
  private readonly hash = createHash('sha256');
  /** Bytes seen so far. */
  bytes = 0;

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null, data?: Buffer) => void,
  ) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  /** The hex sha256 of everything seen; call once the stream has ended. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}
