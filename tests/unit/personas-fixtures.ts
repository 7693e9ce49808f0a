// A persona workshop with challenges, for tests: a region, four fictional personas (after the DAW+
// addendum), three bundles in frequency order, a workshop and one challenge per bundle.
import { eq, asc } from 'drizzle-orm';
import { getDb, schema } from '../../src/lib/server/db';
import type { StaffUser } from '../../src/lib/server/auth';
import { createBundle, createPersona, ensureRegion, type PersonaInput } from '../../src/lib/server/personas';
import { addArenaItem, createWorkshop, saveChallenge } from '../../src/lib/server/personas/workshops';
import { staff } from './tables-fixtures';

export const REGION = { id: 'daw-plus', name: 'DAW+', municipalities: ['Dilbeek', 'Asse', 'Wemmel', 'Opwijk', 'Merchtem'] };

export function personaInput(name: string, input: Partial<PersonaInput> = {}): PersonaInput {
	return {
		name,
		ageBand: '30-49',
		household: '',
		background: '',
		situation: '',
		drive: 'Wil zich ontplooien, ook richting werk',
		strengths: ['Doorzetter'],
		needs: [],
		barriers: [],
		quote: '',
		targetGroupIds: [],
		languages: ['Nederlands'],
		avatar: 'a01',
		...input
	};
}

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

/** The challenges in the addendum's words (by bundle, in rank order). */
export const CHALLENGES = [
	{
		bundle: 'anderstaligen met een migratieachtergrond',
		personas: ['Nassim'],
		barriers: 'Ze hebben een beperkt sociaal netwerk en weinig digitale vaardigheden',
		questions: [{ support: 'hen gepaste taalondersteuning aanreiken', effect: 'ze stappen zetten richting inclusieve werkkansen' }]
	},
	{
		bundle: 'mensen met medische klachten',
		personas: ['Marc', 'Mieke'],
		barriers: 'Ze zijn ontmoedigd en hebben financiële problemen',
		questions: [
			{ support: 'hen inzicht geven in hun mogelijkheden', effect: '' },
			{ support: 'werken aan veerkracht', effect: 'ze zich nuttig voelen voor hun omgeving' }
		]
	},
	{
		bundle: '(alleenstaande) ouders',
		personas: ['Sabine'],
		barriers: '(Vervoers)armoede en geen rijbewijs houden hen thuis',
		questions: [{ support: 'de bestaande kinderopvang beter bereikbaar maken', effect: 'ze ruimte maken voor participatie' }]
	}
];

export type WorkshopFixture = {
	facilitator: StaffUser;
	workshopId: number;
	tableId: number;
	code: string;
	/** In the workshop's order (position 1 first). */
	challengeIds: number[];
	/** In rank order. */
	bundleIds: number[];
	regionId: string;
};

/**
 * A workshop of `facilitator` (a new facilitator when left out) with one challenge per bundle. Each
 * call makes its own region unless `regionId` is given, so one test can have two workshops.
 */
export async function workshopWithChallenges(opts: { facilitator?: StaffUser; locale?: string; title?: string; regionId?: string } = {}): Promise<WorkshopFixture> {
	const facilitator = opts.facilitator ?? (await staff(['facilitator']));
	const regionId = opts.regionId ?? REGION.id;
	await ensureRegion({ ...REGION, id: regionId });
	const avatars: Record<string, string> = { Nassim: 'a03', Marc: 'a07', Mieke: 'a05', Sabine: 'a09' };
	const personaIds = new Map<string, number>();
	for (const [name, avatar] of Object.entries(avatars)) personaIds.set(name, must(await createPersona(facilitator, regionId, personaInput(name, { avatar })), `persona ${name}`).id);
	const bundleIds: number[] = [];
	for (const c of CHALLENGES)
		bundleIds.push(must(await createBundle(facilitator, regionId, { title: c.bundle, personaIds: c.personas.map((n) => personaIds.get(n)!) }), `bundle ${c.bundle}`).id);
	const made = must(
		await createWorkshop(facilitator, { regionId, title: opts.title ?? 'Persona-workshop DAW+: regio-uitdagingen', locale: opts.locale ?? 'nl' }),
		'workshop'
	);
	for (const [i, c] of CHALLENGES.entries())
		must(
			await saveChallenge(facilitator, made.workshopId, { bundleId: bundleIds[i], region: REGION.name, targetGroup: c.bundle, barriers: c.barriers, questions: c.questions }),
			`challenge ${i + 1}`
		);
	const challengeIds = (
		await getDb()
			.select({ id: schema.challenges.id })
			.from(schema.challenges)
			.where(eq(schema.challenges.workshopId, made.workshopId))
			.orderBy(asc(schema.challenges.position))
	).map((r) => r.id);
	return { facilitator, workshopId: made.workshopId, tableId: made.tableId, code: made.code, challengeIds, bundleIds, regionId };
}

/** Needs → services rows for the arena analysis; their ids in order. */
export async function arenaRows(facilitator: StaffUser, workshopId: number, n = 4): Promise<number[]> {
	const rows = [
		{ need: 'Taalondersteuning', service: 'Taalcoaching op de werkvloer en praatgroepen' },
		{ need: 'Ontwikkelen van een sociaal netwerk', service: 'Een buddy die in kleine stappen de brug slaat naar bestaande dienstverlening' },
		{ need: 'Ontwikkelen van kinderopvangmogelijkheden', service: 'Ouders helpen het loket kinderopvang te gebruiken' },
		{ need: 'Ontwenningszorg en nazorg', service: 'Ervaringsdeskundigen bieden een luisterend oor' },
		{ need: 'Mobiliteit op maat', service: 'Fietsles en vervoer op afroep' }
	];
	const ids: number[] = [];
	for (const row of rows.slice(0, n)) ids.push(must(await addArenaItem(facilitator, workshopId, row), 'arena row').id);
	return ids;
}
