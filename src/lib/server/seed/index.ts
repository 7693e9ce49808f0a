/**
 * Demo data: the Bruges plan 'Brugge draait om mensen', its councils, neighbourhoods and target groups,
 * one open postcard campaign holding the 25 resident quotes, one staff account per role, a live
 * dialogue table and a finished one (with its report and a signal made from it), and two collaborative
 * boards: the finished table's board (clustered notes, dots, clusters made into signals) and an empty
 * one for a new group with a fixed edit link.
 * Runs at start-up when MEESPRAAK_DEMO=1, and does nothing when the demo campaign already exists.
 */
import { eq } from 'drizzle-orm';
import { getDb, schema, transaction } from '../db';
import type { CampaignFields, Labels, PostcardChannel, Role } from '../db/schema';
import { createStaff, findUserByEmail } from '../auth';
import plan from './data/plan-brugge-2020-2025.json';
import quotes from './data/resident-quotes-brugge.json';
import councilsData from './data/councils-brugge.json';
import neighbourhoodsData from './data/neighbourhoods-brugge.json';
import targetGroupsData from './data/target-groups.json';
import translations from './data/translations.json';
import demoAccounts from './data/demo-accounts.json';
import { seedDemoTables, seedFinishedTable } from './tables';
import { seedDemoBoards } from './boards';
import { seedDemoWorkshops } from './personas';
import { seedDemoLifecycle } from './lifecycle';
import { seedDemoCouncils } from './councils';

export const DEMO_CAMPAIGN_SLUG = 'brugge-draait-om-mensen';

export const DEMO_ACCOUNTS = demoAccounts.accounts as { role: string; email: string; name: string; password: string; roles: Role[]; councilIds: string[] }[];

type Tr = { fr?: string; ar?: string; pictogram?: string };
const T = translations as unknown as {
	themes: Record<string, Tr>;
	attention_points: Record<string, Tr>;
	target_groups: Record<string, Tr>;
	campaign: { title: Labels; question: Labels };
};

function labels(nl: string, en?: string, tr?: Tr): Labels {
	return { nl, ...(tr?.fr ? { fr: tr.fr } : {}), ...(en ? { en } : {}), ...(tr?.ar ? { ar: tr.ar } : {}) };
}

/** Loads the plan (idempotent: items that exist are left as the plan owner edited them). */
export async function seedPlan(): Promise<void> {
	await transaction((tx) => {
		plan.themes.forEach((t, i) =>
			tx.insert(schema.themes)
				.values({ id: t.id, labels: labels(t.title, t.title_en, T.themes[String(t.id)]), pictogram: T.themes[String(t.id)]?.pictogram ?? '💬', position: i + 1 })
				.onConflictDoNothing()
				.run()
		);
		plan.aandachtspunten.forEach((a, i) =>
			tx.insert(schema.attentionPoints).values({ id: a.id, labels: labels(a.title, a.title_en, T.attention_points[a.id]), position: i + 1 }).onConflictDoNothing().run()
		);
		plan.goals.forEach((g, i) =>
			tx.insert(schema.goals).values({ id: g.id, themeId: g.theme, labels: { nl: g.title }, position: i + 1 }).onConflictDoNothing().run()
		);
		plan.actions.forEach((a, i) =>
			tx.insert(schema.actions)
				.values({ id: a.id, goalId: a.goal, labels: { nl: a.title }, description: a.text, fromResident: /\(inwoner\)/i.test(a.text), position: i + 1 })
				.onConflictDoNothing()
				.run()
		);
		targetGroupsData.target_groups.forEach((g, i) =>
			tx.insert(schema.targetGroups).values({ id: g.id, labels: labels(g.name, g.name_en, T.target_groups[g.id]), position: i + 1 }).onConflictDoNothing().run()
		);
		neighbourhoodsData.neighbourhoods.forEach((n, i) =>
			tx.insert(schema.neighbourhoods).values({ id: n.id, labels: { nl: n.name }, priority: n.priority, position: i + 1 }).onConflictDoNothing().run()
		);
		councilsData.councils.forEach((c, i) =>
			tx.insert(schema.councils).values({ id: c.id, labels: { nl: c.name, en: c.name_en }, focus: c.focus, position: i + 1 }).onConflictDoNothing().run()
		);
	});
}

export async function seedAccounts(): Promise<void> {
	for (const a of DEMO_ACCOUNTS) {
		if (!(await findUserByEmail(a.email))) await createStaff(a);
	}
}

/** Goals the demo postcards are tagged with, by quote index (staff tagging a card against the plan). */
const QUOTE_GOALS: Record<number, string> = { 0: '1.1', 1: '1.3', 2: '1.4', 3: '1.4', 4: '2.1', 7: '3.1', 11: '4.1', 14: '5.1', 17: '6.1', 22: '7.1' };
const PLACES = ['Bibliotheek Biekorf', 'Buurtcentrum Sint-Pieters', 'Buurtcentrum Zeebrugge', 'OCMW onthaal'];

export async function seedDemoCampaign(): Promise<boolean> {
	const db = getDb();
	const existing = await db.query.campaigns.findFirst({ where: (c, { eq }) => eq(c.slug, DEMO_CAMPAIGN_SLUG) });
	if (existing) return false;
	const moderator = await findUserByEmail('moderator@meespraak.demo');
	const now = Date.now();
	const day = 86_400_000;
	const fields: CampaignFields = { themes: true, neighbourhood: true, targetGroups: true, ageBand: true, contact: true };
	const neighbourhoodIds = neighbourhoodsData.neighbourhoods.map((n) => n.id);
	await transaction((tx) => {
		const campaign = tx
			.insert(schema.campaigns)
			.values({
				slug: DEMO_CAMPAIGN_SLUG,
				titles: T.campaign.title,
				questions: T.campaign.question,
				opensAt: new Date(now - 30 * day),
				closesAt: new Date(now + 180 * day),
				themes: plan.themes.map((t) => ({ themeId: t.id, pictogram: T.themes[String(t.id)]?.pictogram ?? '💬' })),
				neighbourhoodIds,
				fields,
				createdBy: moderator?.id ?? null,
				createdAt: new Date(now - 31 * day)
			})
			.returning()
			.get();
		quotes.quotes.forEach((q, i) => {
			const channel: PostcardChannel = i % 3 === 0 ? 'paper' : i % 3 === 1 ? 'online' : 'kiosk';
			const createdAt = new Date(now - (25 - i) * day);
			const code = demoCode(i);
			const neighbourhoodId = neighbourhoodIds[i % neighbourhoodIds.length];
			if (channel === 'paper') tx.insert(schema.paperCodes).values({ code, campaignId: campaign.id, printedAt: new Date(now - 35 * day) }).run();
			const row = tx
				.insert(schema.postcards)
				.values({
					campaignId: campaign.id,
					code,
					text: q.text,
					channel,
					collectionPlace: channel === 'online' ? null : PLACES[i % PLACES.length],
					locale: 'nl',
					consentPublish: true,
					status: 'published',
					careCategories: [],
					enteredBy: channel === 'paper' ? (moderator?.id ?? null) : null,
					createdAt,
					publishedAt: new Date(createdAt.getTime() + day)
				})
				.returning({ id: schema.postcards.id })
				.get();
			if (channel === 'paper') tx.update(schema.paperCodes).set({ postcardId: row.id }).where(eq(schema.paperCodes.code, code)).run();
			const tags: { kind: 'theme' | 'goal' | 'neighbourhood'; refId: string; source: 'resident' | 'staff' }[] = [
				{ kind: 'theme', refId: String(q.theme), source: 'staff' },
				{ kind: 'neighbourhood', refId: neighbourhoodId, source: 'resident' }
			];
			if (QUOTE_GOALS[i]) tags.push({ kind: 'goal', refId: QUOTE_GOALS[i], source: 'staff' });
			tx.insert(schema.taggings).values(tags.map((t) => ({ ...t, subjectType: 'postcard' as const, subjectId: row.id, createdAt }))).run();
			if (moderator) tx.insert(schema.moderationLog).values({ postcardId: row.id, userId: moderator.id, action: 'publish', createdAt: new Date(createdAt.getTime() + day) }).run();
		});
	});
	return true;
}

/** Stable, valid tracking codes for the demo cards (so a demo can say 'try code DEM-22A'). */
function demoCode(i: number): string {
	const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
	return `DEM-${alphabet[Math.floor(i / alphabet.length)]}${alphabet[i % alphabet.length]}A`;
}

export async function seedDemo(): Promise<void> {
	await seedPlan();
	await seedAccounts();
	await seedDemoCampaign();
	await seedDemoTables();
	await seedFinishedTable();
	await seedDemoBoards();
	await seedDemoWorkshops();
	// Councils first: the lifecycle seed decides one of the signals they advised on.
	await seedDemoCouncils();
	await seedDemoLifecycle();
}
