// Quoting for the few statements the tool writes itself (MariaDB/MySQL and PostgreSQL string rules).

/** A MariaDB/MySQL string literal: backslashes and quotes escaped (the default sql_mode reads `\` as escape). */
export const mysqlString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A MariaDB/MySQL identifier in backquotes. */
export const mysqlIdentifier = (value: string) => `\`${value.replace(/`/g, '``')}\``;

/** A PostgreSQL string literal (standard_conforming_strings: only quotes are doubled). */
export const postgresString = (value: string) => `'${value.replace(/'/g, "''")}'`;
