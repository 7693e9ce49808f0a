/**
 * The JSON API (/api/v1, described in docs/api.md): reading request bodies, shaping answers, and one
 * error format `{ error: { code, message, fields? } }` with the message in the caller's language.
 * Handlers stay thin: they call these helpers and receivePostcard() / trackPostcard().
 */
import { json } from '@sveltejs/kit';
import { isLocale, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { problemField, problemMessage, type FormField } from '$lib/postcards/problems';
import type { Campaign } from './campaigns';
import { RECEIVE_STATUS, receiveStatus, type ReceiveProblem } from './limits';
import { campaignChoices } from './public';
import { helpLinesFor } from './sent';
import type { TrackedPostcard } from './status';
import { MAX_TEXT, type PostcardInput } from './submit';

export type ApiFieldError = { code: string; message: string };
export type ApiError = { error: { code: string; message: string; fields?: Record<string, ApiFieldError> } };

/** The language of the answer: body.locale when it names one we offer, else the request's. */
export function apiLocale(requested: unknown, fallback: string): Locale {
	if (isLocale(requested)) return requested;
	return isLocale(fallback) ? fallback : 'nl';
}

export function apiError(status: number, code: string, message: string, extra: { fields?: Record<string, ApiFieldError>; headers?: Record<string, string> } = {}): Response {
	const body: ApiError = { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } };
	return json(body, { status, headers: { 'cache-control': 'no-store', ...extra.headers } });
}

/** Accepts `application/json` and `application/<something>+json`, with or without a charset. */
export function isJsonRequest(request: Request): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Reads the body as JSON; a Response (415 or 400 'bad_json') when it cannot. */
export async function readJson(request: Request, locale: Locale): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	if (!isJsonRequest(request)) {
		return { ok: false, response: apiError(415, 'unsupported_media_type', m.api_unsupported_media_type({}, { locale })) };
	}
	try {
		return { ok: true, body: await request.json() };
	} catch {
		return { ok: false, response: apiError(400, 'bad_json', m.error_bad_json({}, { locale })) };
	}
}

/** The API's name for each form field. */
const API_FIELD: Record<FormField, string> = {
	text: 'text',
	themes: 'themeIds',
	neighbourhood: 'neighbourhoodId',
	targetGroups: 'targetGroupIds',
	ageBand: 'ageBand',
	email: 'email'
};

type BodyInput = Omit<PostcardInput, 'channel' | 'locale'>;

/**
 * Checks the shape of a POST body (types only; what the values mean is submitPostcard's job).
 * Ids may be given as strings or numbers.
 */
export function readPostcardBody(body: unknown, fallbackLocale: string):
	| { ok: true; input: BodyInput; locale: Locale }
	| { ok: false; locale: Locale; fields: Record<string, ApiFieldError> } {
	const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
	const locale = apiLocale(obj?.locale, fallbackLocale);
	const wrong = (expected: 'text' | 'list' | 'yes_no'): ApiFieldError => ({
		code: 'wrong_type',
		message:
			expected === 'text'
				? m.api_expected_text({}, { locale })
				: expected === 'list'
					? m.api_expected_list({}, { locale })
					: m.api_expected_boolean({}, { locale })
	});
	if (!obj) return { ok: false, locale, fields: { body: { code: 'wrong_type', message: m.api_expected_object({}, { locale }) } } };

	const fields: Record<string, ApiFieldError> = {};
	const text = (name: string, required = false): string | null => {
		const v = obj[name];
		if (v === undefined || v === null) return required ? '' : null;
		if (typeof v === 'string') return v;
		if (typeof v === 'number' && name !== 'text' && name !== 'email') return String(v);
		fields[name] = wrong('text');
		return null;
	};
	const list = (name: string): string[] => {
		const v = obj[name];
		if (v === undefined || v === null) return [];
		if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
		fields[name] = wrong('list');
		return [];
	};
	const consent = obj.consentPublish;
	if (consent !== undefined && consent !== null && typeof consent !== 'boolean') fields.consentPublish = wrong('yes_no');

	const input: BodyInput = {
		text: text('text', true) ?? '',
		themeIds: list('themeIds'),
		neighbourhoodId: text('neighbourhoodId'),
		targetGroupIds: list('targetGroupIds'),
		ageBand: text('ageBand'),
		consentPublish: consent === true,
		email: text('email'),
		submissionId: text('submissionId')
	};
	if (obj.locale !== undefined && obj.locale !== null && !isLocale(obj.locale)) {
		fields.locale = { code: 'locale_unknown', message: m.api_locale_unknown({}, { locale }) };
	}
	if (Object.keys(fields).length) return { ok: false, locale, fields };
	return { ok: true, input, locale };
}

/** A refused postcard as an API error: field problems under `fields`, the rest as the error code. */
export function problemsResponse(problems: ReceiveProblem[], locale: Locale, retryAfterMs?: number): Response {
	const fields: Record<string, ApiFieldError> = {};
	let general: ReceiveProblem | null = null;
	for (const p of problems) {
		const field = p === 'submission_id_invalid' ? 'submissionId' : problemField(p) ? API_FIELD[problemField(p)!] : null;
		const message = problemMessage(p, { locale, max: MAX_TEXT, minutes: retryAfterMs ? Math.max(1, Math.ceil(retryAfterMs / 60_000)) : undefined });
		if (field) fields[field] ??= { code: p, message };
		else general ??= p;
	}
	const headers: Record<string, string> = {};
	if (retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
	const hasFields = Object.keys(fields).length > 0;
	if (general) {
		const message = problemMessage(general, { locale, max: MAX_TEXT, minutes: retryAfterMs ? Math.max(1, Math.ceil(retryAfterMs / 60_000)) : undefined });
		return apiError(RECEIVE_STATUS[general], general, message, { fields: hasFields ? fields : undefined, headers });
	}
	return apiError(receiveStatus(problems), 'invalid_input', m.api_invalid_input({}, { locale }), { fields, headers });
}

/** An open campaign as GET /api/v1/campaigns lists it, with every label in every language. */
export async function campaignJson(campaign: Campaign, origin: string) {
	const choices = await campaignChoices(campaign);
	return {
		slug: campaign.slug,
		titles: campaign.titles,
		questions: campaign.questions,
		opensAt: campaign.opensAt.toISOString(),
		closesAt: campaign.closesAt.toISOString(),
		fields: campaign.fields,
		maxTextLength: MAX_TEXT,
		themes: choices.themes.map((t) => ({ id: t.id, pictogram: t.pictogram ?? null, labels: t.labels })),
		neighbourhoods: choices.neighbourhoods.map((n) => ({ id: n.id, labels: n.labels })),
		targetGroups: choices.targetGroups.map((g) => ({ id: g.id, labels: g.labels })),
		ageBands: [...choices.ageBands],
		pageUrl: `${origin}/p/${campaign.slug}`,
		postcardsUrl: `${origin}/api/v1/campaigns/${campaign.slug}/postcards`
	};
}

/** The answer to a stored postcard (201, or 200 when the same submissionId was already stored). */
export function createdJson(result: { code: string; care: readonly string[]; duplicate: boolean; key?: string | null }, origin: string, locale: Locale): Response {
	const helpLines = helpLinesFor(result.care);
	const body = {
		code: result.code,
		// Shown once (only its hash is kept); with the code it withdraws the text or deletes the address.
		...(result.key ? { withdrawKey: result.key, withdrawKeyHint: m.secp_api_key_hint({}, { locale }) } : {}),
		statusUrl: `${origin}/k/${result.code}`,
		apiStatusUrl: `${origin}/api/v1/postcards/${result.code}`,
		...(helpLines.length ? { helpMessage: m.postcard_care_body({}, { locale }), helpLines } : {})
	};
	return json(body, {
		status: result.duplicate ? 200 : 201,
		headers: { location: `/api/v1/postcards/${result.code}`, 'cache-control': 'no-store' }
	});
}

/** What anyone holding the code may know: never the email, the text only when it is on the public wall. */
export function statusJson(p: TrackedPostcard) {
	return {
		code: p.code,
		campaign: p.campaign.slug,
		stage: p.stage,
		receivedAt: p.receivedAt.toISOString(),
		published: p.onWall,
		inSignal: p.inSignal,
		...(p.onWall ? { text: p.text } : {})
	};
}
