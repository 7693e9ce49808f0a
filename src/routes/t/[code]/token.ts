/** Cookie (path `/t/<code>`) carrying the phone's participant token to the contact form; see +page.server.ts. */
export const TOKEN_COOKIE = 'meespraak_table_token';

/** Where the phone keeps its participant token (written by the table store when it joins). */
export const tokenStorageKey = (code: string) => `meespraak:table:${code}:token`;
