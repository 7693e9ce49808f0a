/** Postcard campaigns: what is asked, in which languages, when, and which fields the form shows. */
import { and, asc, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { getDb, prepared, schema } from '../db';
import { unknownPlanIds } from '../plan';
import type { CampaignFields, CampaignTheme, Labels } from '../db/schema';

export type Campaign = typeof schema.campaigns.$inferSelect;

export type CampaignState = 'upcoming' | 'open' | 'closed' | 'archived';

export function campaignState(c: Campaign, now = new Date()): CampaignState {
	if (c.archivedAt) return 'archived';
	if (now < c.opensAt) return 'upcoming';
	if (now >= c.closesAt) return 'closed';
	return 'open';
}

export async function getCampaignBySlug(slug: string): Promise<Campaign | undefined> {
	const stmt = prepared('campaignBySlug', (db) =>
		db.select().from(schema.campaigns).where(eq(schema.campaigns.slug, sql.placeholder('slug'))).limit(1).prepare()
	);
	return stmt.get({ slug });
}

export async function getCampaign(id: number): Promise<Campaign | undefined> {
	return getDb().query.campaigns.findFirst({ where: (c, { eq }) => eq(c.id, id) });
}

export async function listCampaigns(): Promise<Campaign[]> {
	return getDb().select().from(schema.campaigns).orderBy(desc(schema.campaigns.createdAt));
}

export async function listOpenCampaigns(now = new Date()): Promise<Campaign[]> {
	return getDb()
		.select()
		.from(schema.campaigns)
		.where(and(isNull(schema.campaigns.archivedAt), lte(schema.campaigns.opensAt, now), gt(schema.campaigns.closesAt, now)))
		.orderBy(asc(schema.campaigns.closesAt));
}

export type CampaignInput = {
	slug: string;
	titles: Labels;
	questions: Labels;
	opensAt: Date;
	closesAt: Date;
	themes: CampaignTheme[];
	neighbourhoodIds: string[];
	fields: CampaignFields;
};

export type CampaignProblem =
	| 'slug_invalid'
	| 'slug_taken'
	| 'title_missing'
	| 'question_missing'
	| 'dates_invalid'
	| 'theme_unknown'
	| 'neighbourhood_unknown';

/** What is wrong with a campaign before it is saved (empty list: nothing). */
export async function campaignProblems(input: CampaignInput, existingId?: number): Promise<CampaignProblem[]> {
	const problems: CampaignProblem[] = [];
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(input.slug) || input.slug.length > 80) problems.push('slug_invalid');
	else {
		const other = await getCampaignBySlug(input.slug);
		if (other && other.id !== existingId) problems.push('slug_taken');
	}
	if (!input.titles.nl?.trim()) problems.push('title_missing');
	if (!input.questions.nl?.trim()) problems.push('question_missing');
	if (!(input.opensAt instanceof Date) || isNaN(+input.opensAt) || isNaN(+input.closesAt) || input.closesAt <= input.opensAt)
		problems.push('dates_invalid');
	if ((await unknownPlanIds('theme', input.themes.map((t) => String(t.themeId)))).length) problems.push('theme_unknown');
	if ((await unknownPlanIds('neighbourhood', input.neighbourhoodIds)).length) problems.push('neighbourhood_unknown');
	return problems;
}

export async function createCampaign(input: CampaignInput, userId: number | null): Promise<Campaign> {
	return getDb()
		.insert(schema.campaigns)
		.values({ ...input, createdBy: userId, createdAt: new Date() })
		.returning()
		.get();
}

export async function updateCampaign(id: number, input: CampaignInput): Promise<void> {
	await getDb().update(schema.campaigns).set(input).where(eq(schema.campaigns.id, id));
}

export async function setCampaignArchived(id: number, archived: boolean): Promise<void> {
	await getDb()
		.update(schema.campaigns)
		.set({ archivedAt: archived ? new Date() : null })
		.where(eq(schema.campaigns.id, id));
}
