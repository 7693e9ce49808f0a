/**
 * The pure rules of a council's work on a request: when a vote is open, when enough members voted
 * (the quorum), which verdict the votes decide, when a request is overdue. No database, no clock of
 * their own (`now` is always given), so that every rule is unit-testable on its own.
 *
 * Also the two conversions between a form's local date/time ('2026-03-12', '2026-03-12T18:00') and an
 * instant, in the city's time zone: a council member types the time on the clock of the town hall.
 */
import { ADVICE_VERDICTS, type AdviceVerdict } from '../db/schema';

export type VoteCounts = Record<AdviceVerdict, number>;
export type VoteState = 'not_open' | 'open' | 'closed';

export const QUORUM_MIN = 1;
export const QUORUM_MAX = 50;
/** What a council needs without a setting of its own (the schema's default). */
export const DEFAULT_QUORUM = 3;

export function isVerdict(value: unknown): value is AdviceVerdict {
	return typeof value === 'string' && (ADVICE_VERDICTS as readonly string[]).includes(value);
}

export function isQuorum(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= QUORUM_MIN && value <= QUORUM_MAX;
}

export const emptyCounts = (): VoteCounts => ({ favourable: 0, conditional: 0, unfavourable: 0 });

/** How many votes each verdict has. */
export function countVotes(votes: { verdict: string }[]): VoteCounts {
	const counts = emptyCounts();
	for (const v of votes) if (isVerdict(v.verdict)) counts[v.verdict]++;
	return counts;
}

export const totalVotes = (counts: VoteCounts): number => ADVICE_VERDICTS.reduce((sum, v) => sum + (counts[v] ?? 0), 0);

/** Enough members voted: at least the quorum (a number of votes, or the counts per verdict). */
export function quorumMet(votes: number | VoteCounts, quorum: number): boolean {
	const n = typeof votes === 'number' ? votes : totalVotes(votes);
	return isQuorum(quorum) && n >= quorum;
}

/**
 * The verdict with the most votes; 'tie' when two or more share the most; null without any vote.
 * A tie is never broken by the order of the verdicts: the council has to talk it through and vote again.
 */
export function verdictOf(counts: VoteCounts): AdviceVerdict | 'tie' | null {
	const top = Math.max(...ADVICE_VERDICTS.map((v) => counts[v] ?? 0));
	if (top <= 0) return null;
	const leaders = ADVICE_VERDICTS.filter((v) => (counts[v] ?? 0) === top);
	return leaders.length === 1 ? leaders[0] : 'tie';
}

/**
 * Whether members can vote now. Not open until someone opened the vote (it has a closing time), and
 * not before `openAt` when one is given; closed from the closing time on.
 */
export function voteState(v: { openAt?: Date | null; closesAt: Date | null }, now: Date): VoteState {
	if (!v.closesAt) return 'not_open';
	if (v.openAt && +now < +v.openAt) return 'not_open';
	return +now >= +v.closesAt ? 'closed' : 'open';
}

/** Past its deadline and still without published advice. */
export function isOverdue(deadline: Date | null, published: boolean, now: Date): boolean {
	return !!deadline && !published && +now > +deadline;
}

// ---------------------------------------------------------------- local date and time in the city

export const cityZone = (): string => process.env.CITY_TIME_ZONE || 'Europe/Brussels';

/** The wall-clock parts of an instant in `zone`. */
function wallParts(at: Date, zone: string) {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** How far `zone` is ahead of UTC at that instant, in milliseconds. */
function offsetAt(t: number, zone: string): number {
	const p = wallParts(new Date(t), zone);
	return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(t / 1000) * 1000;
}

/**
 * A form's date ('2026-03-12': the end of that day, 23:59) or date and time ('2026-03-12T18:00') on the
 * city's clock, as an instant; null when it is not such a value.
 */
export function parseCityTime(value: unknown, zone = cityZone()): Date | null {
	if (typeof value !== 'string') return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value.trim());
	if (!m) return null;
	const [y, mo, d] = [+m[1], +m[2], +m[3]];
	const [h, mi] = m[4] === undefined ? [23, 59] : [+m[4], +m[5]];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	const check = new Date(wall);
	if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
	// Two passes: the offset at the guess, then at the corrected instant (around a change of summer time).
	let t = wall - offsetAt(wall, zone);
	t = wall - offsetAt(t, zone);
	return new Date(t);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a form's value on the city's clock: 'YYYY-MM-DD' or, with the time, 'YYYY-MM-DDTHH:mm'. */
export function cityInputValue(at: Date, withTime: boolean, zone = cityZone()): string {
	const p = wallParts(at, zone);
	const day = `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
	return withTime ? `${day}T${pad(p.h)}:${pad(p.mi)}` : day;
}
