/**
 * Receiving a postcard, whatever the channel (online form, kiosk, paper typed in by staff, the API).
 * One function validates, stores and notifies; routes only translate its answer into HTTP.
 * The postcard is committed (WAL, synchronous=FULL) before the caller is told it succeeded.
 */
import { eq } from 'drizzle-orm';
import { getDb, schema, transaction } from '../db';
import { AGE_BANDS, type AgeBand, type PostcardChannel } from '../db/schema';
import { unknownPlanIds } from '../plan';
import { notify } from '../realtime';
import { isEmail } from '../refusal';
import { campaignState, getCampaignBySlug } from './campaigns';
import { careCategories, type CareCategory } from './care';
import { hashKey, newTrackingCode, newWithdrawKey, normalizeCode } from './codes';

export const MAX_TEXT = 1000;

export type PostcardInput = {
	text: string;
	themeIds?: string[];
	neighbourhoodId?: string | null;
	targetGroupIds?: string[];
	ageBand?: string | null;
	consentPublish?: boolean;
	email?: string | null;
	locale: string;
	channel: PostcardChannel;
	collectionPlace?: string | null;
	/** Paper cards: the pre-printed code. */
	paperCode?: string | null;
	/** Client-generated id: a retried submission returns the first one's code. */
	submissionId?: string | null;
	enteredBy?: number | null;
};

/** Why a postcard was refused. Each has a message in every language and an HTTP status. */
export type SubmitProblem =
	| 'text_empty'
	| 'text_too_long'
	| 'campaign_unknown'
	| 'campaign_not_open'
	| 'campaign_closed'
	| 'theme_unknown'
	| 'neighbourhood_unknown'
	| 'target_group_unknown'
	| 'age_band_unknown'
	| 'email_invalid'
	| 'paper_code_invalid'
	| 'paper_code_unknown'
	| 'paper_code_used';

export const PROBLEM_STATUS: Record<SubmitProblem, number> = {
	text_empty: 400,
	text_too_long: 400,
	campaign_unknown: 404,
	campaign_not_open: 410,
	campaign_closed: 410,
	theme_unknown: 400,
	neighbourhood_unknown: 400,
	target_group_unknown: 400,
	age_band_unknown: 400,
	email_invalid: 400,
	paper_code_invalid: 400,
	paper_code_unknown: 404,
	paper_code_used: 409
};

export type SubmitResult =
	| {
			ok: true;
			code: string;
			postcardId: number;
			care: CareCategory[];
			duplicate: boolean;
			/**
			 * The withdrawal key, to show once beside the code (online, kiosk and API cards; paper cards
			 * have none: the resident never sees the screen). Only its hash is stored.
			 */
			key: string | null;
	  }
	| { ok: false; problems: SubmitProblem[] };

/** Counts characters as people see them (an emoji is one), the way the form's counter does. */
export function textLength(text: string): number {
	return [...text].length;
}

export async function submitPostcard(slug: string, input: PostcardInput): Promise<SubmitResult> {
	const campaign = await getCampaignBySlug(slug);
	if (!campaign) return { ok: false, problems: ['campaign_unknown'] };
	const state = campaignState(campaign);
	// Staff may still type in paper cards collected before the closing date.
	if (state === 'upcoming' || state === 'archived') return { ok: false, problems: ['campaign_not_open'] };
	if (state === 'closed' && input.channel !== 'paper') return { ok: false, problems: ['campaign_closed'] };

	const db = getDb();
	if (input.submissionId) {
		const earlier = await db.query.postcards.findFirst({
			where: (p, { eq }) => eq(p.submissionId, input.submissionId!)
		});
		if (earlier) {
			// The first answer never reached the resident (that is why the same submission came again), and
			// with it the key: the one who holds the submission id gets a fresh key, the old one stops working.
			let key: string | null = null;
			if (earlier.channel !== 'paper' && !earlier.textWithdrawnAt) {
				key = newWithdrawKey();
				db.update(schema.postcards).set({ withdrawKeyHash: hashKey(key) }).where(eq(schema.postcards.id, earlier.id)).run();
			}
			return { ok: true, code: earlier.code, postcardId: earlier.id, care: earlier.careCategories as CareCategory[], duplicate: true, key };
		}
	}

	const problems: SubmitProblem[] = [];
	const text = (input.text ?? '').replace(/\r\n/g, '\n').trim();
	if (!text) problems.push('text_empty');
	else if (textLength(text) > MAX_TEXT) problems.push('text_too_long');

	const themeIds = [...new Set(input.themeIds ?? [])];
	const offered = new Set(campaign.themes.map((t) => String(t.themeId)));
	if (themeIds.some((id) => !offered.has(id)) || (await unknownPlanIds('theme', themeIds)).length) problems.push('theme_unknown');
	const neighbourhoodId = input.neighbourhoodId || null;
	if (neighbourhoodId && (!campaign.neighbourhoodIds.includes(neighbourhoodId) || (await unknownPlanIds('neighbourhood', [neighbourhoodId])).length))
		problems.push('neighbourhood_unknown');
	const targetGroupIds = [...new Set(input.targetGroupIds ?? [])];
	if ((await unknownPlanIds('target_group', targetGroupIds)).length) problems.push('target_group_unknown');
	const ageBand = input.ageBand || null;
	if (ageBand && !(AGE_BANDS as readonly string[]).includes(ageBand)) problems.push('age_band_unknown');
	const email = input.email?.trim() || null;
	if (email && !isEmail(email)) problems.push('email_invalid');

	let code: string | null = null;
	if (input.channel === 'paper') {
		code = normalizeCode(input.paperCode ?? '');
		if (!code) problems.push('paper_code_invalid');
		else {
			const paper = await db.query.paperCodes.findFirst({ where: (p, { eq }) => eq(p.code, code!) });
			if (!paper || paper.campaignId !== campaign.id) problems.push('paper_code_unknown');
			else if (paper.postcardId) problems.push('paper_code_used');
		}
	}
	if (problems.length) return { ok: false, problems };

	const care = careCategories(text);
	const now = new Date();
	const key = input.channel === 'paper' ? null : newWithdrawKey();
	const stored = await transaction((tx) => {
		if (code) {
			const paper = tx.select().from(schema.paperCodes).where(eq(schema.paperCodes.code, code)).get();
			if (paper?.postcardId) return null; // typed in twice at the same moment
		}
		let row: { id: number; code: string } | undefined;
		for (let attempt = 0; !row; attempt++) {
			const candidate = code ?? newTrackingCode();
			// The unique index on code decides; a clash (31^15 codes) draws again.
			row = tx
				.insert(schema.postcards)
				.values({
					campaignId: campaign.id,
					code: candidate,
					text,
					channel: input.channel,
					collectionPlace: input.collectionPlace?.trim() || null,
					locale: input.locale,
					ageBand: ageBand as AgeBand | null,
					consentPublish: !!input.consentPublish,
					needsCare: care.length > 0,
					careCategories: care,
					submissionId: input.submissionId || null,
					withdrawKeyHash: key ? hashKey(key) : null,
					enteredBy: input.enteredBy ?? null,
					createdAt: now
				})
				.onConflictDoNothing({ target: schema.postcards.code })
				.returning({ id: schema.postcards.id, code: schema.postcards.code })
				.get();
			if (!row && (code || attempt > 20)) return null;
		}
		const tags = [
			...themeIds.map((refId) => ({ kind: 'theme' as const, refId })),
			...targetGroupIds.map((refId) => ({ kind: 'target_group' as const, refId })),
			...(neighbourhoodId ? [{ kind: 'neighbourhood' as const, refId: neighbourhoodId }] : [])
		];
		if (tags.length)
			tx.insert(schema.taggings)
				.values(tags.map((t) => ({ ...t, subjectType: 'postcard' as const, subjectId: row!.id, source: 'resident' as const, createdAt: now })))
				.run();
		if (email) tx.insert(schema.postcardContacts).values({ postcardId: row.id, email, createdAt: now }).run();
		if (code) tx.update(schema.paperCodes).set({ postcardId: row.id }).where(eq(schema.paperCodes.code, code)).run();
		return row;
	});
	if (!stored) return { ok: false, problems: ['paper_code_used'] };

	notify(`moderation:${campaign.id}`, 'postcard:new', { id: stored.id, code: stored.code });
	return { ok: true, code: stored.code, postcardId: stored.id, care, duplicate: false, key };
}
