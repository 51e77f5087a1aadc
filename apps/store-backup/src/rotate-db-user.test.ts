import { describe, expect, it } from 'vitest';

import { createUserStatements, dropUserStatement } from './rotate-db-user.js';
import { siteUrlStatement } from './site-url.js';

describe('statements the tool writes', () => {
  it('creates or updates a user with the shop’s rights, quoting what needs it', () => {
    expect(createUserStatements("o'brien", "pa\\ss'word", 'shop`db')).toBe(
      [
        "CREATE USER IF NOT EXISTS 'o\\'brien'@'%' IDENTIFIED BY 'pa\\\\ss\\'word';",
        "ALTER USER 'o\\'brien'@'%' IDENTIFIED BY 'pa\\\\ss\\'word';",
        "GRANT ALL PRIVILEGES ON `shop``db`.* TO 'o\\'brien'@'%';",
        '',
      ].join('\n'),
    );
    expect(dropUserStatement('wordpress')).toBe("DROP USER IF EXISTS 'wordpress'@'%';\n");
  });

  it('points WordPress at a clone’s URL in wp_options', () => {
    expect(siteUrlStatement('https://clone.example.com')).toBe(
      "UPDATE `wp_options` SET option_value = 'https://clone.example.com' WHERE option_name IN ('home', 'siteurl');",
    );
  });
});
