/**
 * CSV for spreadsheets (RFC 4180), shared by the server's exports and the browser's (a board's outline).
 * No server-only imports here: this module runs in the browser too.
 */

export type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return) gets a leading apostrophe; fields with a quote, comma or line break are quoted.
 */
export function csvCell(value: Cell): string {
	if (value === null || value === undefined) return '';
	let s = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file: UTF-8 byte order mark (so spreadsheets read accents and Arabic right), CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): string {
	return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
