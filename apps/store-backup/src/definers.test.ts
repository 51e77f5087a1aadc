import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { StripDefiners, withoutDefiners } from './definers.js';

async function through(chunks: string[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(new StripDefiners())) {
    out.push(chunk as Buffer);
  }
  return Buffer.concat(out).toString('utf8');
}

describe('DEFINER clauses of a dump', () => {
  it('are removed from views, triggers and routines', () => {
    expect(withoutDefiners('/*!50013 DEFINER=`wordpress`@`%` SQL SECURITY DEFINER */')).toBe(
      '/*!50013  SQL SECURITY DEFINER */',
    );
    expect(withoutDefiners('/*!50003 CREATE*/ /*!50017 DEFINER=`a``b`@`10.0.0.%`*/ /*!50003 TRIGGER t')).toBe(
      '/*!50003 CREATE*/ /*!50017 */ /*!50003 TRIGGER t',
    );
    expect(withoutDefiners('CREATE DEFINER=`root`@`localhost` PROCEDURE p()')).toBe('CREATE  PROCEDURE p()');
  });

  it('are removed across chunk boundaries, leaving rows (and UTF-8 split between chunks) untouched', async () => {
    const row = "INSERT INTO `wp_posts` VALUES (1,'DEFINER=`x`@`y` is text here, Café');\n";
    const view = '/*!50013 DEFINER=`wordpress`@`%` SQL SECURITY DEFINER */\n';
    const dump = `-- dump\n${row}${view}`;
    const bytes = Buffer.from(dump);
    // Every split point, one byte at a time included: the result is the same.
    for (const size of [1, 3, 7, 64]) {
      const chunks: string[] = [];
      for (let i = 0; i < bytes.length; i += size)
        chunks.push(bytes.subarray(i, i + size).toString('latin1'));
      const out: Buffer[] = [];
      const source = Readable.from(chunks.map((c) => Buffer.from(c, 'latin1')));
      for await (const chunk of source.pipe(new StripDefiners())) out.push(chunk as Buffer);
      expect(Buffer.concat(out).toString('utf8')).toBe(`-- dump\n${row}/*!50013  SQL SECURITY DEFINER */\n`);
    }
    expect(await through(['no newline at the end DEFINER=`a`@`b`'])).toBe('no newline at the end ');
  });
});
