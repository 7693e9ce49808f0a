/**
 * Text helpers that run in linear time whatever the input. A pattern like /[.,\s]+$/ looks harmless but
 * is retried from every character of a long run that does not reach the end (quadratic): these walk the
 * text once instead.
 */

/** `text` without the characters at its end that `oneChar` (a pattern for one character) matches. */
export function trimEndWhere(text: string, oneChar: RegExp): string {
	let end = text.length;
	while (end > 0) {
		const low = text.charCodeAt(end - 1);
		// A character outside the BMP is two code units: test it whole.
		const size = low >= 0xdc00 && low <= 0xdfff && end >= 2 && text.charCodeAt(end - 2) >= 0xd800 && text.charCodeAt(end - 2) <= 0xdbff ? 2 : 1;
		if (!oneChar.test(text.slice(end - size, end))) break;
		end -= size;
	}
	return text.slice(0, end);
}

/** `text` without `char` repeated at its start and end ('--a-b--' → 'a-b'). */
export function trimChar(text: string, char: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && text[start] === char) start++;
	while (end > start && text[end - 1] === char) end--;
	return text.slice(start, end);
}
