import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ARENA_DOTS, openInvite, RESPONSE_MAX, submitArena, submitEnrichment, type PartnerError, type PartnerView, type ResponseProblem } from '$lib/server/personas/partners';
import type { EnrichmentVerdict, PartnerInviteKind } from '$lib/server/db/schema';

/**
 * The page a partner organisation opens from its link (no account): the enrichment session's
 * challenges to confirm, confirm on condition of additions, or change; or, for core partners, the
 * arena analysis's needs → services rows to put dots on. One submit; afterwards (and whenever the
 * link is opened again) it shows what was sent. A refused form comes back with everything as typed.
 */

/** What the page shows of the partner's view: only what it needs, dates already in the reader's language. */
export type PartnerPage = {
	invite: { id: number; kind: PartnerInviteKind; organisation: string; contactName: string | null; expiresOn: string; submittedOn: string | null };
	workshop: { title: string; regionName: string; locale: string };
	challenges: { id: number; position: number; bundle: string; intro: string; barriers: string; questions: string[] }[];
	responses: { challengeId: number; verdict: EnrichmentVerdict; text: string }[];
	arena: { id: number; need: string; service: string }[];
	dots: Record<number, number>;
	budget: number;
	textMax: number;
};

/** One challenge's answer as typed, in the form's order (the challenges' order). */
export type TypedResponse = { challengeId: number; verdict: string; text: string };
/** One arena row's dots as typed. */
export type TypedDots = { itemId: number; value: string };

/** Problems the page finds itself, before the domain is asked. */
export type PageProblem = 'dots_invalid';

export type EnrichmentFailure = {
	kind: 'enrichment';
	/** 'invalid': see `problems` (per challenge); anything else is about the link or the form as a whole. */
	error: 'invalid' | PartnerError;
	values: TypedResponse[];
	problems: ResponseProblem[];
};
export type ArenaFailure = {
	kind: 'arena';
	error: PartnerError | PageProblem;
	values: TypedDots[];
	/** The rows whose value is not a whole number from 0 to the budget. */
	invalidRows: number[];
	used: number;
	budget: number;
};
export type PartnerFailure = EnrichmentFailure | ArenaFailure;

const TAGS: Record<string, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', ar: 'ar-u-nu-latn' };

/** A date and time as the reader reads them (Belgian time; Latin digits in Arabic, as on Belgian papers). */
function formatMoment(value: Date, locale: string): string {
	return new Intl.DateTimeFormat(TAGS[locale] ?? 'nl-BE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(value);
}

function pageOf(view: PartnerView, locale: string): PartnerPage {
	return {
		invite: {
			id: view.invite.id,
			kind: view.invite.kind,
			organisation: view.invite.organisation,
			contactName: view.invite.contactName,
			expiresOn: formatMoment(view.invite.expiresAt, locale),
			submittedOn: view.invite.submittedAt ? formatMoment(view.invite.submittedAt, locale) : null
		},
		workshop: { title: view.workshop.title, regionName: view.workshop.regionName, locale: view.workshop.locale },
		challenges: view.challenges.map((c) => ({
			id: c.id,
			position: c.position,
			bundle: c.bundle.title,
			intro: c.composed.intro,
			barriers: c.composed.barriers,
			questions: c.composed.questions
		})),
		responses: view.responses.map((r) => ({ challengeId: r.challengeId, verdict: r.verdict, text: r.text })),
		arena: view.arena,
		dots: view.dots,
		budget: view.budget,
		textMax: RESPONSE_MAX
	};
}

export const load: PageServerLoad = async ({ params, locals, setHeaders, url }) => {
	// The token is the key: keep the page out of caches (the Referer is cut by the page's meta tag).
	setHeaders({ 'cache-control': 'private, no-store' });
	const r = await openInvite(params.token);
	// A link that does not work is explained on the page itself, in the reader's language, and a form
	// refused because of it still shows what was typed.
	if (!r.ok) return { problem: r.error as PartnerError, page: null, justSent: false };
	// Set by the redirect after sending: 'thank you' rather than 'you already responded'.
	return { problem: null, page: pageOf(r.view, locals.locale), justSent: url.searchParams.get('sent') === '1' };
};

/** The hidden invite id the page showed; anything else cannot be this link's form. */
function postedInvite(form: FormData): number | null {
	const v = form.get('invite');
	return typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : null;
}

function statusOf(error: string): number {
	switch (error) {
		case 'link_unknown':
			return 404;
		case 'link_expired':
		case 'link_revoked':
			return 410;
		case 'already_submitted':
			return 409;
		case 'not_yours':
			return 403;
		default:
			return 400;
	}
}

/** Every challenge's verdict and text as typed, in the form's order; the textarea is always posted. */
function readResponses(form: FormData): TypedResponse[] {
	const out: TypedResponse[] = [];
	for (const [key, value] of form.entries()) {
		const m = /^text-(\d{1,15})$/.exec(key);
		if (!m || typeof value !== 'string') continue;
		const challengeId = Number(m[1]);
		if (out.some((x) => x.challengeId === challengeId)) continue;
		const verdict = form.get(`verdict-${challengeId}`);
		out.push({ challengeId, verdict: typeof verdict === 'string' ? verdict : '', text: value });
	}
	return out;
}

function readDots(form: FormData): TypedDots[] {
	const out: TypedDots[] = [];
	for (const [key, value] of form.entries()) {
		const m = /^dots-(\d{1,15})$/.exec(key);
		if (!m || typeof value !== 'string' || out.some((x) => x.itemId === Number(m[1]))) continue;
		out.push({ itemId: Number(m[1]), value });
	}
	return out;
}

/** '' is no dots; otherwise a whole number from 0 to the budget (null: not one). */
function dotsOf(value: string): number | null {
	const v = value.trim();
	if (!v) return 0;
	if (!/^\d{1,3}$/.test(v)) return null;
	return Number(v);
}

export const actions: Actions = {
	enrichment: async ({ params, request, url }) => {
		const form = await request.formData();
		const values = readResponses(form);
		const r = await submitEnrichment(
			params.token,
			postedInvite(form),
			values.map((v) => ({ challengeId: v.challengeId, verdict: v.verdict || undefined, text: v.text }))
		);
		if (r.ok) redirect(303, `${url.pathname}?sent=1`);
		const failure: EnrichmentFailure = { kind: 'enrichment', error: r.error, values, problems: 'problems' in r ? r.problems : [] };
		return fail(statusOf(r.error), failure);
	},

	arena: async ({ params, request, url }) => {
		const form = await request.formData();
		const values = readDots(form);
		const parsed = values.map((v) => ({ itemId: v.itemId, dots: dotsOf(v.value) }));
		const invalidRows = parsed.filter((p) => p.dots === null).map((p) => p.itemId);
		const used = parsed.reduce((a, p) => a + (p.dots ?? 0), 0);
		const base = { kind: 'arena' as const, values, invalidRows, used, budget: ARENA_DOTS };
		if (invalidRows.length) return fail(400, { ...base, error: 'dots_invalid' } satisfies ArenaFailure);
		const r = await submitArena(params.token, postedInvite(form), Object.fromEntries(parsed.map((p) => [p.itemId, p.dots])));
		if (r.ok) redirect(303, `${url.pathname}?sent=1`);
		// The domain calls a single row above the budget a bad payload; to the partner it is too many dots.
		const error = r.error === 'bad_payload' && used > ARENA_DOTS ? 'over_budget' : r.error;
		return fail(statusOf(error), { ...base, error } satisfies ArenaFailure);
	}
};
