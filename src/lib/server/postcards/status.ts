/**
 * 'Follow your postcard': what became of a card, for whoever holds its code. The stages are the
 * pipeline of the plan: received → read (published on the wall, kept private, or not published) →
 * part of a signal → advice from a council → in the plan. Reasons for not publishing stay with staff.
 */
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import type { Labels, PostcardChannel } from '../db/schema';
import { normalizeCode } from './codes';
import { chainForPostcardId, type InputChain, type Progress } from '../feedback/chain';

/** The outcome of moderation as the resident is told it. */
export type Publication = 'waiting' | 'published' | 'kept_private' | 'not_published';

/** The furthest stage reached, as the API reports it. */
export type TrackStage = 'received' | 'published' | 'kept_private' | 'not_published' | 'in_signal';

export type StepKey = 'received' | 'read' | 'signal' | 'advice' | 'plan';
export type StepState = 'done' | 'current' | 'future' | 'skipped';
export type Step = { key: StepKey; state: StepState };

export type TrackedPostcard = {
	id: number;
	code: string;
	campaign: { id: number; slug: string; titles: Labels };
	text: string;
	channel: PostcardChannel;
	collectionPlace: string | null;
	receivedAt: Date;
	publication: Publication;
	/** True only when the card is on the public wall (published with the writer's consent). */
	onWall: boolean;
	inSignal: boolean;
	stage: TrackStage;
	steps: Step[];
	hasEmail: boolean;
	/** A withdrawal key was shown when the card was sent (only its hash is kept). */
	hasKey: boolean;
	/** The writer withdrew the text (then `text` is empty; the card still counts). */
	textWithdrawn: boolean;
	textWithdrawnAt: Date | null;
	/** Input → signals → advice → decision, in plain words in the reader's language (feedback/chain.ts). */
	chain: InputChain;
};

export function publicationOf(p: { status: string; consentPublish: boolean }): Publication {
	if (p.status === 'published') return p.consentPublish ? 'published' : 'kept_private';
	if (p.status === 'private') return 'kept_private';
	if (p.status === 'rejected') return 'not_published';
	return 'waiting';
}

export function stepsFor(publication: Publication, inSignal: boolean, progress?: Progress): Step[] {
	// A card staff already used in a signal has been read, even when it was not moderated yet.
	const read: StepState = publication === 'waiting' && !inSignal ? 'current' : 'done';
	return [
		{ key: 'received', state: 'done' },
		{ key: 'read', state: read },
		{ key: 'signal', state: inSignal ? 'done' : 'future' },
		{ key: 'advice', state: (inSignal && progress?.advice) || 'future' },
		{ key: 'plan', state: (inSignal && progress?.decision) || 'future' }
	];
}

/**
 * The postcard with this code (typed any way normalizeCode accepts), or null; the chain's words in
 * `locale`. Two queries for a card in no signal, six for one in signals (however many).
 */
export async function trackPostcard(typedCode: string, locale = 'nl'): Promise<TrackedPostcard | null> {
	const code = normalizeCode(typedCode);
	if (!code) return null;
	const db = getDb();
	const row = await db
		.select({ p: schema.postcards, c: { id: schema.campaigns.id, slug: schema.campaigns.slug, titles: schema.campaigns.titles }, contact: schema.postcardContacts.postcardId })
		.from(schema.postcards)
		.innerJoin(schema.campaigns, eq(schema.postcards.campaignId, schema.campaigns.id))
		.leftJoin(schema.postcardContacts, eq(schema.postcardContacts.postcardId, schema.postcards.id))
		.where(eq(schema.postcards.code, code))
		.get();
	if (!row) return null;
	const { p, c, contact } = row;
	const chain = await chainForPostcardId(p.id, locale);
	const publication = publicationOf(p);
	const inSignal = chain.signals.length > 0;
	const withdrawn = !!p.textWithdrawnAt;
	return {
		id: p.id,
		code: p.code,
		campaign: c,
		text: withdrawn ? '' : p.text,
		channel: p.channel,
		collectionPlace: p.collectionPlace,
		receivedAt: p.createdAt,
		publication,
		onWall: publication === 'published' && !withdrawn,
		inSignal,
		stage: inSignal ? 'in_signal' : publication === 'waiting' ? 'received' : publication,
		steps: stepsFor(publication, inSignal, chain.progress),
		hasEmail: contact !== null,
		hasKey: !!p.withdrawKeyHash,
		textWithdrawn: withdrawn,
		textWithdrawnAt: p.textWithdrawnAt,
		chain
	};
}

/** Deletes the email address stored for the card with this code. True when one was deleted. */
export async function deleteContactByCode(typedCode: string): Promise<boolean> {
	const code = normalizeCode(typedCode);
	if (!code) return false;
	const db = getDb();
	const p = await db.select({ id: schema.postcards.id }).from(schema.postcards).where(eq(schema.postcards.code, code)).get();
	if (!p) return false;
	const res = await db
		.delete(schema.postcardContacts)
		.where(eq(schema.postcardContacts.postcardId, p.id))
		.returning({ id: schema.postcardContacts.postcardId });
	return res.length > 0;
}
