/**
 * Drawn avatars for persona cards. Personas are fictional, so their faces are drawings, never photos:
 * flat, friendly head-and-shoulders figures on a soft circle, with varied skin tones, hair, a headscarf,
 * grey hair, glasses, a beard, and a child. Built from a few shared parts so they look like one set;
 * every figure stays inside the circle (no clip paths, whose ids would clash when drawn twice on a page).
 */

export type Avatar = { id: string; svg: string };

type Look = {
	bg: string;
	skin: string;
	shirt: string;
	hair?: string;
	/** Drawn behind the head (long hair, a bun, a scarf's back). */
	back?: (c: Look) => string;
	/** Drawn over the head (fringe, short hair, a scarf's front). */
	top?: (c: Look) => string;
	extra?: string;
	child?: boolean;
	ears?: boolean;
};

const INK = '#3b2f2f';

// Shoulders end on the circle: (12,96) and (108,96) lie on it (r 60 around 60,60), as do (24,108) and (96,108).
const BODY = 'M12 96C16 82 32 77 46 75h28c14 2 30 7 34 21A60 60 0 0 1 12 96Z';
const BODY_CHILD = 'M24 108C27 92 38 86 48 85h24c10 1 21 7 24 23A60 60 0 0 1 24 108Z';

function figure(c: Look): string {
	const kid = c.child;
	const head = kid ? '<circle cx="60" cy="58" r="21"' : '<ellipse cx="60" cy="50" rx="19" ry="22"';
	const y = kid ? 60 : 52;
	const ears =
		c.ears === false ? '' : `<circle cx="${kid ? 39 : 41}" cy="${y}" r="4" fill="${c.skin}"/><circle cx="${kid ? 81 : 79}" cy="${y}" r="4" fill="${c.skin}"/>`;
	const neck = kid
		? `<path d="M53 74h14v13H53z" fill="${c.skin}"/>`
		: `<path d="M52 64h16v14H52z" fill="${c.skin}"/><path d="M52 70h16v5q-8 4-16 0z" fill="#000" opacity=".12"/>`;
	return [
		`<circle cx="60" cy="60" r="60" fill="${c.bg}"/>`,
		c.back?.(c) ?? '',
		`<path d="${kid ? BODY_CHILD : BODY}" fill="${c.shirt}"/>`,
		neck,
		ears,
		`${head} fill="${c.skin}"/>`,
		`<circle cx="52" cy="${y}" r="2.3" fill="${INK}"/><circle cx="68" cy="${y}" r="2.3" fill="${INK}"/>`,
		`<circle cx="47" cy="${y + 7}" r="3" fill="#e57373" opacity=".25"/><circle cx="73" cy="${y + 7}" r="3" fill="#e57373" opacity=".25"/>`,
		`<path d="M54 ${y + 9}q6 5 12 0" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>`,
		c.top?.(c) ?? '',
		c.extra ?? ''
	].join('');
}

function svg(c: Look): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">${figure(c)}</svg>`;
}

// Hair and headwear.
const shortHair = (c: Look) => `<path d="M41 50c-3-17 7-27 19-27s23 8 19 27c-2-9-6-14-10-15-8 3-18 3-25 1-2 3-3 8-3 14Z" fill="${c.hair}"/>`;
// The hairline runs inside the head's outline, so no background shows between hair and face.
const sideParting = (c: Look) =>
	`<path d="M39 54C35 30 48 21 62 22c15 1 23 12 18 32-1-9-3-15-7-18-10 3-21 1-26-5-2 7-2 15-4 23Z" fill="${c.hair}"/>`;
const longBack = (c: Look) => `<path d="M38 50c0-20 10-30 22-30s22 10 22 30v32c-6 4-38 4-44 0Z" fill="${c.hair}"/>`;
const fringe = (c: Look) => `<path d="M40 50c-2-17 8-27 20-27s22 10 20 27c-8-4-15-11-18-17-5 8-12 14-22 17Z" fill="${c.hair}"/>`;
const bob = (c: Look) => `<path d="M37 64c-4-26 7-42 23-42s27 16 23 42h-6V44c-10-1-22-3-30-9-3 5-4 16-4 29Z" fill="${c.hair}"/>`;
const curls = (c: Look) =>
	`<g fill="${c.hair}"><circle cx="44" cy="36" r="9"/><circle cx="53" cy="28" r="10"/><circle cx="66" cy="28" r="10"/><circle cx="76" cy="36" r="9"/><circle cx="40" cy="46" r="6"/><circle cx="80" cy="46" r="6"/></g>`;
const afro = (c: Look) =>
	`<g fill="${c.hair}"><circle cx="60" cy="40" r="26"/><circle cx="38" cy="47" r="11"/><circle cx="82" cy="47" r="11"/><circle cx="43" cy="27" r="12"/><circle cx="77" cy="27" r="12"/><circle cx="60" cy="19" r="12"/></g>`;
const hairline = (c: Look) => `<path d="M41 48c1-13 9-20 19-20s18 7 19 20c-5-6-11-9-19-9s-14 3-19 9Z" fill="${c.hair}"/>`;
const bun = (c: Look) => `<circle cx="60" cy="22" r="9" fill="${c.hair}"/>` + fringe(c);
const greySides = (c: Look) =>
	`<path d="M41 54c-3-10-1-18 5-22 2 6 2 14 0 22Zm38 0c3-10 1-18-5-22-2 6-2 14 0 22Z" fill="${c.hair}"/><path d="M47 31c8-5 18-5 26 0-8-2-18-2-26 0Z" fill="${c.hair}"/>`;
const pigtails = (c: Look) =>
	`<g fill="${c.hair}"><circle cx="34" cy="52" r="8"/><circle cx="86" cy="52" r="8"/></g>`;
const kidHair = (c: Look) => `<path d="M39 58c-3-18 8-28 21-28s24 10 21 28c-5-6-9-13-10-18-8 5-20 6-28 3-2 4-3 9-4 15Z" fill="${c.hair}"/>`;
const scarfBack = (c: Look) => `<path d="M34 52c0-22 12-32 26-32s26 10 26 32c0 14-4 22-8 28H42c-4-6-8-14-8-28Z" fill="${c.hair}"/>`;
const scarfFront = (c: Look) =>
	`<path d="M38 52c0-20 10-28 22-28s22 8 22 28c-2-12-10-20-22-20s-20 8-22 20Z" fill="#000" opacity=".12"/><path d="M40 72c8 10 32 10 40 0l4 8c-10 8-38 8-48 0Z" fill="${c.hair}"/>`;

const glasses = `<g fill="none" stroke="${INK}" stroke-width="1.8"><circle cx="52" cy="52" r="6"/><circle cx="68" cy="52" r="6"/><path d="M58 52h4M46 51l-5-1M74 51l5-1"/></g>`;
const beard = (color: string) =>
	`<path d="M41 52c0 18 8 28 19 28s19-10 19-28c-3 7-5 10-8 11-6-3-16-3-22 0-3-1-5-4-8-11Z" fill="${color}"/><path d="M54 61q6 4 12 0" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>`;
const earrings = `<circle cx="41" cy="59" r="1.8" fill="#f2c14e"/><circle cx="79" cy="59" r="1.8" fill="#f2c14e"/>`;
const collar = `<path d="M50 75l10 9 10-9" fill="none" stroke="#fff" stroke-width="2" opacity=".6"/>`;

const LOOKS: Look[] = [
	{ bg: '#cfe3f5', skin: '#f1c7a3', shirt: '#2a9d8f', hair: '#6b3f22', back: longBack, top: fringe, extra: earrings },
	{ bg: '#f8e3a3', skin: '#6b4126', shirt: '#e76f51', hair: '#1f1a17', top: shortHair, extra: beard('#1f1a17') },
	{ bg: '#f6d5dc', skin: '#d9a57a', shirt: '#6c5b9e', hair: '#3d6f8e', back: scarfBack, top: scarfFront, ears: false },
	{ bg: '#d4ecd5', skin: '#f3d0b5', shirt: '#4a6fa5', hair: '#c9c9c9', top: greySides, extra: glasses + collar },
	{ bg: '#e3dbf3', skin: '#7a4a2c', shirt: '#f4a261', hair: '#1b1410', back: afro, top: hairline },
	{ bg: '#fbe0cc', skin: '#c48b5e', shirt: '#8e5572', hair: '#d8d8d8', top: bun, extra: glasses + earrings },
	{ bg: '#d2efe8', skin: '#f5d6c0', shirt: '#3d5a80', hair: '#b5562b', top: sideParting },
	{ bg: '#fff1b8', skin: '#d9a06f', shirt: '#ef476f', hair: '#3a2418', back: pigtails, top: kidHair, child: true },
	{ bg: '#cfe0f7', skin: '#f0d2b0', shirt: '#e9c46a', hair: '#16161d', back: bob, ears: false },
	{ bg: '#efe3cf', skin: '#a86b43', shirt: '#2f6f57', hair: '#8a8a8a', top: greySides, extra: beard('#6e6e6e') },
	{ bg: '#f3d9e6', skin: '#5a3520', shirt: '#1d9bb2', hair: '#120d0b', back: longBack, top: curls, extra: earrings },
	{ bg: '#dedaf5', skin: '#e2b48a', shirt: '#588157', hair: '#4a2c1a', top: sideParting, extra: glasses }
];

export const AVATARS: Avatar[] = LOOKS.map((look, i) => ({ id: `a${String(i + 1).padStart(2, '0')}`, svg: svg(look) }));

export const DEFAULT_AVATAR = 'a01';

const BY_ID = new Map(AVATARS.map((a) => [a.id, a.svg]));

export function isAvatar(id: unknown): id is string {
	return typeof id === 'string' && BY_ID.has(id);
}

/** The drawing for `id`, or the default one for an unknown or missing id. */
export function avatarSvg(id: string | null | undefined): string {
	return (id && BY_ID.get(id)) || (BY_ID.get(DEFAULT_AVATAR) as string);
}
