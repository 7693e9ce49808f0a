import { describe, expect, it } from 'vitest';
import * as planModule from '../../src/lib/server/plan';
import {
	addPlanItem,
	getPlan,
	PlanEditError,
	planItemExists,
	renamePlanItem,
	setPlanItemArchived,
	unknownPlanIds
} from '../../src/lib/server/plan';
import { seedPlan } from '../../src/lib/server/seed';
import { getDb, schema } from '../../src/lib/server/db';

async function problem(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		if (e instanceof PlanEditError) return e.code;
		throw e;
	}
	return 'no problem';
}

describe('adding to the plan', () => {
	it('numbers themes, goals and actions the way the plan does', async () => {
		const theme = await addPlanItem('theme', { labels: { nl: 'Wonen' } });
		expect(theme).toBe('1');
		expect(await addPlanItem('theme', { labels: { nl: 'Werk' } })).toBe('2');
		const goal = await addPlanItem('goal', { parentId: theme, labels: { nl: 'Betaalbaar wonen' } });
		expect(goal).toBe('1.1');
		const action = await addPlanItem('action', { parentId: goal, labels: { nl: 'Sociale woningen bouwen' }, fromResident: true });
		expect(action).toBe('1.1.1');
		expect(await addPlanItem('action', { parentId: goal, labels: { nl: 'Leegstand aanpakken' } })).toBe('1.1.2');
		const plan = await getPlan();
		expect(plan.actions.find((a) => a.id === '1.1.1')).toMatchObject({ parentId: '1.1', fromResident: true });
		expect(plan.goals.find((g) => g.id === '1.1')?.parentId).toBe('1');
	});

	it('derives a readable code from the Dutch name when none is given', async () => {
		expect(await addPlanItem('neighbourhood', { labels: { nl: 'Sint-Kruis' } })).toBe('sint-kruis');
		expect(await addPlanItem('neighbourhood', { labels: { nl: 'Sint Kruis' } })).toBe('sint-kruis-2');
		expect(await addPlanItem('council', { labels: { nl: 'Jeugdraad', en: 'Youth council' } })).toBe('jeugdraad');
	});

	it('refuses a duplicate id, a malformed id, an empty Dutch name and a missing parent', async () => {
		await addPlanItem('neighbourhood', { id: 'zeebrugge', labels: { nl: 'Zeebrugge' } });
		expect(await problem(addPlanItem('neighbourhood', { id: 'zeebrugge', labels: { nl: 'Zeebrugge bis' } }))).toBe('duplicate_id');
		expect(await problem(addPlanItem('neighbourhood', { id: 'Zee Brugge!', labels: { nl: 'X' } }))).toBe('bad_id');
		expect(await problem(addPlanItem('target_group', { labels: { nl: '   ', en: 'Only English' } }))).toBe('empty_label');
		expect(await problem(addPlanItem('goal', { parentId: '99', labels: { nl: 'Zwevend' } }))).toBe('bad_parent');
		expect(await problem(addPlanItem('action', { labels: { nl: 'Zonder doel' } }))).toBe('bad_parent');
		const rows = await getDb().select().from(schema.neighbourhoods);
		expect(rows.map((r) => r.id)).toEqual(['zeebrugge']);
	});

	it('refuses an id that an archived item still holds', async () => {
		await addPlanItem('target_group', { id: 'senioren', labels: { nl: 'Senioren' } });
		await setPlanItemArchived('target_group', 'senioren', true);
		expect(await problem(addPlanItem('target_group', { id: 'senioren', labels: { nl: 'Ouderen' } }))).toBe('duplicate_id');
	});
});

describe('renaming', () => {
	it('changes the labels in every language; empty translations fall back to Dutch', async () => {
		await seedPlan();
		await renamePlanItem('theme', '3', { nl: ' Wonen ', fr: 'Logement', en: '', ar: 'السكن' });
		const theme = (await getPlan()).themes.find((t) => t.id === '3');
		expect(theme?.labels).toEqual({ nl: 'Wonen', fr: 'Logement', ar: 'السكن' });
	});

	it('refuses an empty Dutch name and an unknown item', async () => {
		await seedPlan();
		expect(await problem(renamePlanItem('theme', '3', { nl: '' }))).toBe('empty_label');
		expect(await problem(renamePlanItem('goal', '42.42', { nl: 'Nergens' }))).toBe('not_found');
		expect(await problem(renamePlanItem('theme', 'abc', { nl: 'Nergens' }))).toBe('not_found');
	});
});

describe('archiving', () => {
	it('keeps the item but stops offering it; restoring offers it again', async () => {
		await seedPlan();
		expect(await unknownPlanIds('neighbourhood', ['zeebrugge', 'sint-pieters'])).toEqual([]);
		await setPlanItemArchived('neighbourhood', 'zeebrugge', true);

		expect(await unknownPlanIds('neighbourhood', ['zeebrugge', 'sint-pieters'])).toEqual(['zeebrugge']);
		expect(await planItemExists('neighbourhood', 'zeebrugge')).toBe(false);
		expect((await getPlan()).neighbourhoods.map((n) => n.id)).not.toContain('zeebrugge');
		const staffView = (await getPlan({ includeArchived: true })).neighbourhoods.find((n) => n.id === 'zeebrugge');
		expect(staffView?.archived).toBe(true);
		// Still in the database, for the postcards that name it.
		expect((await getDb().select().from(schema.neighbourhoods)).some((n) => n.id === 'zeebrugge')).toBe(true);

		await setPlanItemArchived('neighbourhood', 'zeebrugge', false);
		expect(await unknownPlanIds('neighbourhood', ['zeebrugge'])).toEqual([]);
	});

	it('of a theme withdraws its goals and actions, and nothing can be added under it', async () => {
		await seedPlan();
		const plan = await getPlan();
		const goal = plan.goals.find((g) => g.parentId === '3')!;
		const action = plan.actions.find((a) => a.parentId === goal.id)!;
		await setPlanItemArchived('theme', '3', true);

		expect(await unknownPlanIds('theme', ['3'])).toEqual(['3']);
		expect(await unknownPlanIds('goal', [goal.id])).toEqual([goal.id]);
		expect(await unknownPlanIds('action', [action.id])).toEqual([action.id]);
		const offered = await getPlan();
		expect(offered.goals.some((g) => g.parentId === '3')).toBe(false);
		expect(offered.actions.some((a) => a.id === action.id)).toBe(false);
		expect(await problem(addPlanItem('goal', { parentId: '3', labels: { nl: 'Nieuw' } }))).toBe('bad_parent');
		// The staff view still has all of it, with the goals' own state untouched.
		const all = await getPlan({ includeArchived: true });
		expect(all.goals.find((g) => g.id === goal.id)?.archived).toBe(false);
	});

	it('of an unknown item is refused', async () => {
		expect(await problem(setPlanItemArchived('council', 'nope', true))).toBe('not_found');
	});

	it('is the only way out: the plan module has no delete', () => {
		expect(Object.keys(planModule).filter((k) => /delete|remove|drop/i.test(k))).toEqual([]);
	});
});

describe('the seeded plan', () => {
	it('has the 7 themes and about 240 actions', async () => {
		await seedPlan();
		const plan = await getPlan();
		expect(plan.themes).toHaveLength(7);
		expect(plan.actions.length).toBeGreaterThan(200);
		expect(await unknownPlanIds('theme', ['1', '7', '8'])).toEqual(['8']);
	});
});

describe("the '(inwoner)' mark", () => {
	it('can be set and cleared on an action', async () => {
		await seedPlan();
		const action = (await getPlan()).actions[0];
		await planModule.setActionFromResident(action.id, true);
		expect((await getPlan()).actions[0].fromResident).toBe(true);
		await planModule.setActionFromResident(action.id, false);
		expect((await getPlan()).actions[0].fromResident).toBe(false);
		expect(await problem(planModule.setActionFromResident('0.0.0', true))).toBe('not_found');
	});
});
