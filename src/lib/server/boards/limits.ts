/**
 * Limits of a board, from the environment: how many notes and clusters it may hold, how long a note may
 * be, how large one update from a client may be, and how often the update log is compacted.
 */
export type BoardLimits = {
	maxNotes: number;
	maxFrames: number;
	maxNoteText: number;
	maxUpdateBytes: number;
	/** Bytes a board's stored log may hold (compacted first when it would pass them): what a newcomer downloads at most. */
	maxBytes: number;
	/**
	 * Compact a board's log once it holds this many rows (0: only when the board goes quiet). Compacting
	 * a busy 2,000-note board holds the event loop for ~35 ms, so it happens seldom while people edit;
	 * loading 5,000 small rows costs about as much.
	 */
	compactEvery: number;
};

export const DEFAULT_LIMITS: BoardLimits = {
	maxNotes: 5000,
	maxFrames: 500,
	maxNoteText: 500,
	maxUpdateBytes: 1_000_000,
	maxBytes: 10_000_000,
	compactEvery: 5000
};

function positive(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw.replace(/_/g, ''));
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0 (it is "${raw}").`);
	return n;
}

/**
 * BOARD_MAX_NOTES, BOARD_MAX_FRAMES, BOARD_MAX_NOTE_TEXT (characters), BOARD_MAX_UPDATE_BYTES,
 * BOARD_MAX_BYTES (the stored board), BOARD_COMPACT_EVERY (rows). The update limit stays below socket.io's message limit (5 MB), so an
 * oversized update is answered with a reason instead of the connection being dropped.
 */
export function boardLimits(): BoardLimits {
	return {
		maxNotes: positive('BOARD_MAX_NOTES', DEFAULT_LIMITS.maxNotes),
		maxFrames: positive('BOARD_MAX_FRAMES', DEFAULT_LIMITS.maxFrames),
		maxNoteText: positive('BOARD_MAX_NOTE_TEXT', DEFAULT_LIMITS.maxNoteText),
		maxUpdateBytes: Math.min(positive('BOARD_MAX_UPDATE_BYTES', DEFAULT_LIMITS.maxUpdateBytes), 4_000_000),
		maxBytes: positive('BOARD_MAX_BYTES', DEFAULT_LIMITS.maxBytes),
		compactEvery: positive('BOARD_COMPACT_EVERY', DEFAULT_LIMITS.compactEvery)
	};
}
