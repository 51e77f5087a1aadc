import { Transform, type TransformCallback } from 'node:stream';

// mysqldump writes the account that created each view, trigger and routine (`DEFINER=`user`@`host``), and only
// an account with SET USER (or SUPER) may create objects for another account. A restore runs as the store's own
// user, which differs from the definer after a rotation (a new user) or in a clone, so the clauses are removed:
// the objects then belong to the user that loads them. https://mariadb.com/kb/en/create-view/#definer

const definer = /DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`/g;
/** Rows, the bulk of a dump: passed through untouched (and unbuffered, however long the line). */
const rows = 'INSERT INTO ';

/** The definer clauses of one SQL line removed. */
export const withoutDefiners = (line: string) => line.replace(definer, '');

/** A stream of a MariaDB/MySQL dump with the DEFINER clauses removed from every line but the rows. */
export class StripDefiners extends Transform {
  /** The current line so far, while it is not known to be a row line. */
  private pending = '';
  /** Inside a row line: passed on as it comes. */
  private passThrough = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    // latin1 maps every byte to one character and back, so UTF-8 split across chunks comes out intact.
    let text = chunk.toString('latin1');
    let out = '';
    while (text.length > 0) {
      const end = text.indexOf('\n');
      const part = end === -1 ? text : text.slice(0, end + 1);
      text = end === -1 ? '' : text.slice(end + 1);
      if (this.passThrough) {
        out += part;
      } else if (end !== -1) {
        const line = this.pending + part;
        out += line.startsWith(rows) ? line : withoutDefiners(line);
        this.pending = '';
      } else {
        this.pending += part;
        if (this.pending.startsWith(rows)) {
          out += this.pending;
          this.pending = '';
          this.passThrough = true;
        }
      }
      if (end !== -1) this.passThrough = false;
    }
    done(null, Buffer.from(out, 'latin1'));
  }

  override _flush(done: TransformCallback) {
    done(null, Buffer.from(withoutDefiners(this.pending), 'latin1'));
  }
}
