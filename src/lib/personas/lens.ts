/**
 * 'Speak as' a persona: a participant's contribution or board note carries the persona as a lens. On
 * a board note it is one of the note's tags, `persona:<id>`, beside the plan tags.
 */
export const LENS_PREFIX = 'persona:';

export const lensTag = (personaId: number): string => `${LENS_PREFIX}${personaId}`;

/** The persona id of a lens tag, or null for any other tag. */
export function lensId(tag: string): number | null {
	if (!tag.startsWith(LENS_PREFIX)) return null;
	const id = Number(tag.slice(LENS_PREFIX.length));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The first lens among a note's tags, or null. */
export function lensOf(tags: readonly string[]): number | null {
	for (const t of tags) {
		const id = lensId(t);
		if (id !== null) return id;
	}
	return null;
}

/** Where a phone keeps the persona it speaks as, per table code. */
export const lensKey = (code: string) => `meespraak:table:${code}:lens`;
