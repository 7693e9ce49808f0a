// Suggested plan tags on the staff postcard tagging screen: the page's load against the demo plan and
// campaign, and the one-click 'add' going through the page's own ?/tagAdd action.
import { describe, expect, it, vi } from 'vitest';
import { seedAccounts, seedDemoCampaign, seedPlan, DEMO_CAMPAIGN_SLUG } from '../../src/lib/server/seed';
import { findUserByEmail, type StaffUser } from '../../src/lib/server/auth';
import { getCampaignBySlug } from '../../src/lib/server/postcards/campaigns';
import { getPlan, setPlanItemArchived } from '../../src/lib/server/plan';
import { tagsFor, type LabelledTag, type TagOptions } from '../../src/lib/server/signals/tags';
import { actions, load, type SuggestedTag } from '../../src/routes/staff/campaigns/[id]/postcards/+page.server';

vi.mock('../../src/lib/server/realtime', () => ({ notify: vi.fn() }));

/** The part of the page's data these tests read. */
type Card = { id: number; code: string; tags: LabelledTag[]; suggestions: SuggestedTag[] };
type Data = { cards: Card[]; options: TagOptions };

async function setup() {
	await seedPlan();
	await seedAccounts();
	await seedDemoCampaign();
	const row = (await findUserByEmail('moderator@meespraak.demo'))!;
	const user: StaffUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds };
	const campaign = (await getCampaignBySlug(DEMO_CAMPAIGN_SLUG))!;
	return { user, campaign };
}

function event(user: StaffUser, campaignId: number, opts: { search?: string; request?: Request } = {}) {
	return {
		locals: { user, locale: 'nl' },
		params: { id: String(campaignId) },
		url: new URL(`http://localhost/staff/campaigns/${campaignId}/postcards${opts.search ?? ''}`),
		request: opts.request ?? new Request('http://localhost/')
	} as never;
}

const loadPage = async (user: StaffUser, campaignId: number, search?: string) => (await load(event(user, campaignId, { search }))) as Data;

/** The live plan's ids by kind (what may be suggested). */
async function liveIds() {
	const plan = await getPlan();
	return { theme: new Set(plan.themes.map((t) => t.id)), goal: new Set(plan.goals.map((g) => g.id)), action: new Set(plan.actions.map((a) => a.id)) };
}

const KIND_ORDER = ['theme', 'goal', 'action'];

describe('suggested tags on the postcard tagging screen', () => {
	it('gives each demo card suggestions from live plan items it is not tagged with yet, themes first, at most 3 per kind', async () => {
		const { user, campaign } = await setup();
		const data = await loadPage(user, campaign.id);
		expect(data.cards).toHaveLength(25);
		const live = await liveIds();
		let withSuggestions = 0;
		for (const card of data.cards) {
			const have = new Set(card.tags.map((t) => `${t.kind}:${t.refId}`));
			expect(card.tags.length).toBeGreaterThan(0); // the seed tags every card with a theme (and a neighbourhood)
			if (card.suggestions.length) withSuggestions++;
			for (const s of card.suggestions) {
				expect(have.has(`${s.kind}:${s.refId}`), `${card.code} is already tagged ${s.kind}:${s.refId}`).toBe(false);
				expect(live[s.kind].has(s.refId), `${card.code}: ${s.kind}:${s.refId} is not live`).toBe(true);
				expect(s.label).toContain(data.options[s.kind].find((o) => o.id === s.refId)!.label);
				expect(Object.keys(s).sort()).toEqual(['kind', 'label', 'refId']); // no score goes to the browser
			}
			const kinds = card.suggestions.map((s) => KIND_ORDER.indexOf(s.kind));
			expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
			for (const k of KIND_ORDER) expect(card.suggestions.filter((s) => s.kind === k).length).toBeLessThanOrEqual(3);
			expect(new Set(card.suggestions.map((s) => `${s.kind}:${s.refId}`)).size).toBe(card.suggestions.length);
		}
		// resident quotes about the plan's subjects: nearly every card gets something to accept or leave
		expect(withSuggestions).toBeGreaterThanOrEqual(20);
	});

	it('leaves out archived items and those under an archived theme', async () => {
		const { user, campaign } = await setup();
		const before = await loadPage(user, campaign.id);
		const goal = before.cards.flatMap((c) => c.suggestions).find((s) => s.kind === 'goal')!;
		expect(goal).toBeDefined();
		await setPlanItemArchived('goal', goal.refId, true);
		const theme = before.cards.flatMap((c) => c.suggestions).find((s) => s.kind === 'theme')!;
		expect(theme).toBeDefined();
		await setPlanItemArchived('theme', theme.refId, true);
		const plan = await getPlan({ includeArchived: true });
		const underTheme = new Set(plan.goals.filter((g) => g.parentId === theme.refId).map((g) => g.id));
		const after = await loadPage(user, campaign.id);
		const all = after.cards.flatMap((c) => c.suggestions);
		expect(all.length).toBeGreaterThan(0);
		expect(all.some((s) => s.kind === 'goal' && s.refId === goal.refId)).toBe(false);
		expect(all.some((s) => s.kind === 'theme' && s.refId === theme.refId)).toBe(false);
		expect(all.some((s) => s.kind === 'goal' && underTheme.has(s.refId))).toBe(false);
		expect(all.some((s) => s.kind === 'action' && underTheme.has(s.refId.split('.').slice(0, 2).join('.')))).toBe(false);
	});

	it('a suggestion accepted through ?/tagAdd becomes a staff tag and is no longer suggested', async () => {
		const { user, campaign } = await setup();
		const before = await loadPage(user, campaign.id);
		const card = before.cards.find((c) => c.suggestions.some((s) => s.kind === 'action'))!;
		const pick = card.suggestions.find((s) => s.kind === 'action')!;
		const form = new FormData();
		form.set('subject', String(card.id));
		form.set('tag', `${pick.kind}:${pick.refId}`);
		const request = new Request('http://localhost/?/tagAdd', { method: 'POST', body: form });
		expect(await actions.tagAdd(event(user, campaign.id, { request }))).toEqual({ tagSubject: card.id, tagged: 'add' });
		expect((await tagsFor('postcard', [card.id])).get(card.id)).toContainEqual({ kind: 'action', refId: pick.refId, source: 'staff' });
		const after = (await loadPage(user, campaign.id)).cards.find((c) => c.id === card.id)!;
		expect(after.tags.map((t) => `${t.kind}:${t.refId}`)).toContain(`action:${pick.refId}`);
		expect(after.suggestions.map((s) => `${s.kind}:${s.refId}`)).not.toContain(`action:${pick.refId}`);
		// the other cards' suggestions are untouched
		const others = (c: Card) => [c.id, c.suggestions.map((s) => s.refId)];
		expect((await loadPage(user, campaign.id)).cards.filter((c) => c.id !== card.id).map(others)).toEqual(before.cards.filter((c) => c.id !== card.id).map(others));
	});

	it('only the cards shown get suggestions (a filtered page)', async () => {
		const { user, campaign } = await setup();
		const data = await loadPage(user, campaign.id, '?q=DEM-ABA');
		expect(data.cards.map((c) => c.code)).toEqual(['DEM-ABA']);
		expect(data.cards[0].suggestions.length).toBeGreaterThan(0);
	});
});
