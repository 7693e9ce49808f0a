/**
 * Who a dot belongs to, as the server says (dots are stored as `<noteId> <voter>` in the board document,
 * $lib/boards/doc.js). A staff member votes as their account (`s<id>`), a table's participant as their
 * phone's participant token (`t` + a hash of it), and someone with a link as a voter id the server
 * issued to their browser, signed with the installation's secret (`l<id>`): a client can neither choose
 * another person's voter nor forge one. Without an account, a person who throws their browser's token
 * away gets a new voter: the model allows no more than that.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { secret } from '../feedback/unsubscribe';

const TOKEN_RE = /^v1\.([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;

const mac = (id: string) => createHmac('sha256', secret()).update(`meespraak:board-voter:v1:${id}`).digest('base64url');

export const staffVoter = (userId: number) => `s${userId}`;

export const participantVoter = (participantToken: string) => `t${createHash('sha256').update(`meespraak:board-voter:${participantToken}`).digest('hex').slice(0, 20)}`;

/** The voter of a link holder: the one their token names when it verifies, otherwise a new one (with its token). */
export function linkVoter(token: unknown): { voter: string; token: string } {
	const m = typeof token === 'string' ? TOKEN_RE.exec(token) : null;
	if (m) {
		const expected = Buffer.from(mac(m[1]));
		const given = Buffer.from(m[2]);
		if (expected.length === given.length && timingSafeEqual(expected, given)) return { voter: `l${m[1]}`, token: token as string };
	}
	const id = [...randomBytes(16)].map((b) => (b % 36).toString(36)).join('');
	return { voter: `l${id}`, token: `v1.${id}.${mac(id)}` };
}
