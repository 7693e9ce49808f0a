/**
 * Demo dialogue tables. One live 'dialogue table' on theme 1, facilitated by the demo begeleider,
 * with a fixed join code so a demo (and the end-to-end tests) can say 'go to /t/TAF-234'.
 * It opens on 'Problemen in kaart' so phones can contribute right away.
 * And one that has ended (SCH-258), so that its report reads like a real one.
 */
import { eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { findUserByEmail, type StaffUser } from '../auth';
import { addContribution, answerPoll, applyAction, castVotes, contributeOnBehalf, copyTemplate, createTable, joinTable } from '../tables';
import { createSignal } from '../signals';

export const DEMO_TABLE_CODE = 'TAF-234';
const FACILITATOR_EMAIL = 'begeleider@meespraak.demo';

export async function seedDemoTables(): Promise<boolean> {
	const db = getDb();
	const t = schema.dialogueTables;
	if (await db.query.dialogueTables.findFirst({ where: (x, { eq }) => eq(x.code, DEMO_TABLE_CODE) })) return false;
	const row = await findUserByEmail(FACILITATOR_EMAIL);
	if (!row) return false;
	const user: StaffUser = { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds };
	const created = await createTable(user, {
		title: 'Kansen voor kinderen en jongeren',
		template: 'dialogue_table',
		themeIds: [1],
		locale: 'nl',
		place: 'Buurtcentrum Sint-Pieters'
	});
	if (!created.ok) throw new Error(`demo table: ${created.error}`);
	await db.update(t).set({ code: DEMO_TABLE_CODE }).where(eq(t.id, created.tableId));
	const started = await applyAction(user, created.tableId, { type: 'start' });
	if (!started.ok) throw new Error(`demo table start: ${started.error}`);
	// Past the testimony: open on the first round where phones can write.
	await applyAction(user, created.tableId, { type: 'next' });
	return true;
}

// ---------------------------------------------------------------- a finished table, for its report

/** The finished demo table's join code: its report is at /staff/tables/SCH-258/report. */
export const FINISHED_TABLE_CODE = 'SCH-258';
const NOTE_TAKER_EMAIL = 'regisseur@meespraak.demo';
const ANALYST_EMAIL = 'moderator@meespraak.demo';

async function staffUser(email: string): Promise<StaffUser | null> {
	const row = await findUserByEmail(email);
	return row ? { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds } : null;
}

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`finished demo table, ${what}: ${(r as { error?: string }).error}`);
	return r as Extract<T, { ok: true }>;
}

/** What people said, by phase, and who said it: a participant (index below) or the note-taker typing for someone. */
type Said = { who: number | 'note_taker'; text: string; key?: string };

/** Participants of the evening: a name only where they chose to give one. */
const PEOPLE: (string | null)[] = ['Nadia', null, 'Jan', null, 'Karim', null, 'Sofie', null, null, null, null];

const TESTIMONY =
	'Ik ben alleenstaande mama van drie. Elke september krijg ik een lijst met schoolgerief en daarna rekeningen voor boeken, een laptop en uitstappen. Ik betaal in schijven. Mijn dochter is vorig jaar niet mee op zeeklassen gegaan: ze zei dat ze geen zin had, maar ik wist dat ze wist dat het geld er niet was. Op school heeft niemand iets gevraagd. Ik wil niet dat mijn kinderen minder kansen krijgen omdat wij het moeilijk hebben.';

const PROBLEMS: Said[] = [
	{ key: 'factuur', who: 0, text: 'In het secundair is er geen maximumfactuur zoals in het basisonderwijs. De rekeningen voor boeken, laptop en uitstappen lopen snel op tot honderden euro per kind.' },
	{ who: 1, text: 'Ouders weten niet hoe het secundair in elkaar zit: theoretisch technisch, praktisch technisch … Elke school maakt reclame voor zichzelf, niemand legt het neutraal uit.' },
	{ who: 2, text: 'In de vakanties is er te weinig betaalbaar aanbod, zeker voor tieners. Een kamp kost al snel 150 euro per week.' },
	{ key: 'schaamte', who: 3, text: 'Kinderen schamen zich als ze niet mee kunnen op uitstap. Ze zeggen thuis dat ze geen zin hebben, of op school dat ze ziek zijn.' },
	{ who: 4, text: 'Smartschool en alle apps zijn moeilijk als je geen computer hebt of het Nederlands niet goed leest. Mijn zoon moet alles voor mij vertalen.' },
	{ key: 'dubbel', who: 5, text: 'Geen maximumfactuur in het middelbaar, dat weegt zwaar.' },
	{ who: 6, text: 'De schoolrekening komt in september, samen met de afrekening van energie en de huur. Een afbetalingsplan moet je zelf vragen, en dat durven veel ouders niet.' },
	{ key: 'verborgen', who: 7, text: 'Die ene directeur in Sint-Andries moet gewoon buiten, die kijkt op ons neer.' },
	{ who: 'note_taker', text: 'Een mevrouw zonder smartphone: ‘Ik krijg brieven van school die ik niet begrijp. Ik durf het niet te vragen aan de juf.’' }
];

const ANSWERS: Said[] = [
	{ key: 'contactpersoon', who: 0, text: 'Eén vaste contactpersoon op school bij wie je discreet een afbetalingsplan kan regelen, zonder dat je het aan iedereen moet uitleggen.' },
	{ who: 8, text: 'Tweedehands uniformen, boeken en rekenmachines uitwisselen tussen ouders, georganiseerd door de school.' },
	{ key: 'clb', who: 2, text: 'Het CLB kan elk jaar een neutrale infoavond geven over de studierichtingen, met tolken voor ouders die het Nederlands minder goed kennen.' },
	{ who: 4, text: 'Brieven in klare taal, en bij het oudercontact tonen hoe Smartschool werkt.' },
	{ who: 9, text: 'De UiTPAS met kansentarief bekendmaken via de school, zodat kinderen ook in de vakantie mee kunnen.' },
	{ who: 3, text: 'Uitstappen laten betalen zonder dat de klas ziet wie korting krijgt: geen geld meer in een envelop meegeven.' },
	{ who: 10, text: 'School en OCMW moeten beter samenwerken. Nu moet je overal opnieuw je verhaal doen.' }
];

const RECOMMENDATIONS: Said[] = [
	{ key: 'r1', who: 0, text: 'Vraag de Vlaamse overheid een maximumfactuur voor het secundair onderwijs. Spreek in afwachting met de Brugse scholen een plafond per schooljaar af.' },
	{ key: 'r2', who: 2, text: 'Organiseer elk voorjaar een neutrale infoavond (CLB en stad) over de keuze voor het secundair, met tolken en in klare taal.' },
	{ key: 'r3', who: 5, text: 'Geef elke school een vertrouwenspersoon voor schoolkosten, die discreet afbetaling en tegemoetkomingen regelt, samen met het OCMW.' },
	{ key: 'r4', who: 4, text: 'Alle brieven en schoolplatformen in klare taal, en uitleg over het digitale platform op het eerste oudercontact.' },
	{ key: 'r5', who: 6, text: 'Breid het betaalbare vakantieaanbod voor tieners uit en maak het bekend via de scholen en de UiTPAS.' },
	{ key: 'r6', who: 'note_taker', text: 'Leg de kosten van uitstappen vooraf vast in de schoolbrochure en laat niemand geld in de klas afgeven.' }
];

/** Three dots each, by participant: 30 dots from 10 people (the eleventh had left). */
const DOTS: Record<number, [string, number][]> = {
	0: [['r1', 2], ['r3', 1]],
	1: [['r1', 1], ['r2', 1], ['r3', 1]],
	2: [['r1', 3]],
	3: [['r2', 2], ['r4', 1]],
	4: [['r3', 2], ['r5', 1]],
	5: [['r1', 1], ['r2', 1], ['r4', 1]],
	6: [['r3', 2], ['r6', 1]],
	7: [['r2', 1], ['r4', 1], ['r6', 1]],
	8: [['r1', 2], ['r3', 1]],
	9: [['r2', 1], ['r4', 1], ['r5', 1]]
};

const POLL = { title: 'Hoe was het?', prompt: 'Heb je je vandaag gehoord gevoeld?', options: ['Ja, helemaal', 'Een beetje', 'Nee'] };
/** Poll answers by participant (option index). */
const POLL_ANSWERS = [0, 0, 1, 0, 0, 2, 0, 1, 0, 0];

/**
 * A dialogue table that ended two weeks ago, on school costs (theme 1): a testimony, problems mapped,
 * answers sought, recommendations voted on with dots, a closing poll; one duplicate merged, one
 * contribution hidden (it named a person), two typed by the note-taker for someone without a phone,
 * and one recommendation already made into a signal, next to a postcard saying the same. Everything
 * goes through the tables domain, as in a real meeting; only the clock is set back afterwards.
 * Idempotent: nothing happens once a table with FINISHED_TABLE_CODE exists (the code is set last).
 */
export async function seedFinishedTable(): Promise<boolean> {
	const db = getDb();
	const t = schema.dialogueTables;
	if (await db.query.dialogueTables.findFirst({ where: (x, { eq }) => eq(x.code, FINISHED_TABLE_CODE) })) return false;
	const [fien, pieter, mo] = await Promise.all([staffUser(FACILITATOR_EMAIL), staffUser(NOTE_TAKER_EMAIL), staffUser(ANALYST_EMAIL)]);
	if (!fien || !pieter) return false;

	const day = 86_400_000;
	const meeting = new Date(Date.now() - 16 * day);
	meeting.setUTCHours(17, 30, 0, 0);
	const at = (minutes: number) => new Date(meeting.getTime() + minutes * 60_000);

	const phases = [...copyTemplate('dialogue_table'), { kind: 'poll_single' as const, ...POLL, timerSeconds: 120 }];
	const created = must(
		await createTable(fien, {
			title: 'Schoolkosten en gelijke kansen in het secundair',
			template: 'dialogue_table',
			themeIds: [1, 6],
			locale: 'nl',
			place: 'Buurtcentrum Christus-Koning',
			scheduledAt: meeting,
			phases,
			staff: [{ userId: pieter.id, role: 'note_taker' }]
		}),
		'create'
	);
	const tableId = created.tableId;
	const agenda = await db.select().from(schema.tablePhases).where(eq(schema.tablePhases.tableId, tableId)).orderBy(schema.tablePhases.position);
	const [testimony, problems, answers, recommendations, dots, poll] = agenda;

	const times = new Map<number, Date>();
	const keyed = new Map<string, number>();
	must(await contributeOnBehalf(fien, tableId, { clientId: 'seed-testimony', text: TESTIMONY, phaseId: testimony.id }), 'testimony');
	const people: number[] = [];
	for (const name of PEOPLE) people.push(must(await joinTable(created.code, name ?? undefined), 'join').participantId);
	must(await applyAction(fien, tableId, { type: 'start' }), 'start');

	const say = async (phaseId: number, list: Said[], from: number) => {
		for (const [i, s] of list.entries()) {
			const clientId = `seed-${phaseId}-${i}`;
			const r =
				s.who === 'note_taker'
					? must(await contributeOnBehalf(pieter, tableId, { clientId, text: s.text, phaseId }), 'on behalf')
					: must(await addContribution(people[s.who], { clientId, text: s.text, phaseId }), 'contribution');
			times.set(r.contributionId, at(from + i * 3));
			if (s.key) keyed.set(s.key, r.contributionId);
		}
	};
	const next = async () => must(await applyAction(fien, tableId, { type: 'next' }), 'next');
	const moderate = async (key: string, op: 'hide' | 'highlight') =>
		must(await applyAction(fien, tableId, { type: 'moderate', contributionId: keyed.get(key)!, op }), op);

	await next();
	await say(problems.id, PROBLEMS, 22);
	await moderate('factuur', 'highlight');
	await moderate('schaamte', 'highlight');
	await moderate('verborgen', 'hide');
	must(await applyAction(fien, tableId, { type: 'merge', targetId: keyed.get('factuur')!, sourceIds: [keyed.get('dubbel')!] }), 'merge');
	await next();
	await say(answers.id, ANSWERS, 52);
	await moderate('contactpersoon', 'highlight');
	await next();
	await say(recommendations.id, RECOMMENDATIONS, 84);
	await next();
	for (const [who, votes] of Object.entries(DOTS))
		must(await castVotes(people[Number(who)], dots.id, votes.map(([key, count]) => ({ contributionId: keyed.get(key)!, count }))), 'dots');
	must(await applyAction(fien, tableId, { type: 'reveal', phaseId: dots.id, revealed: true }), 'reveal');
	await next();
	for (const [who, choice] of POLL_ANSWERS.entries()) must(await answerPoll(people[who], poll.id, [choice]), 'poll');
	must(await applyAction(fien, tableId, { type: 'reveal', phaseId: poll.id, revealed: true }), 'reveal poll');
	must(await applyAction(fien, tableId, { type: 'end' }), 'end');

	// Back to the evening it happened: the contributions' times, who joined when, the end.
	const co = schema.tableContributions;
	const testimonyRow = await db.select({ id: co.id }).from(co).where(eq(co.phaseId, testimony.id)).get();
	if (testimonyRow) times.set(testimonyRow.id, at(6));
	for (const [id, when] of times) await db.update(co).set({ createdAt: when }).where(eq(co.id, id));
	for (const [i, id] of people.entries())
		await db.update(schema.tableParticipants).set({ joinedAt: at(-10 + i), lastSeen: at(118) }).where(eq(schema.tableParticipants.id, id));
	await db.update(schema.tablePhases).set({ timerStartedAt: null, timerRemainingMs: null }).where(eq(schema.tablePhases.tableId, tableId));

	// One recommendation is already a signal, next to the postcard that asked for the same.
	const postcard = await db.select({ id: schema.postcards.id }).from(schema.postcards).where(eq(schema.postcards.code, 'DEM-ADA')).get();
	const signal = await createSignal(
		{
			title: 'Neutrale infoavond over de studiekeuze in het secundair',
			summary:
				'Ouders vinden geen neutrale uitleg over de studierichtingen in het secundair: scholen maken vooral reclame voor zichzelf. De dialoogtafel over schoolkosten vraagt een jaarlijkse infoavond van CLB en stad, met tolken en in klare taal.',
			type: 'proposal',
			evidence: [
				{ sourceType: 'table_contribution', sourceId: keyed.get('r2')! },
				{ sourceType: 'table_contribution', sourceId: keyed.get('clb')! },
				...(postcard ? [{ sourceType: 'postcard' as const, sourceId: postcard.id }] : [])
			],
			tags: [
				{ kind: 'theme', refId: '1' },
				{ kind: 'goal', refId: '1.4' }
			]
		},
		mo?.id ?? null
	);
	if (!signal.ok) throw new Error(`finished demo table, signal: ${signal.problems.join(', ')}`);
	// The analyst made it three days after the meeting.
	const madeAt = new Date(meeting.getTime() + 3 * day + 2 * 3_600_000);
	await db.update(schema.signals).set({ createdAt: madeAt, updatedAt: madeAt }).where(eq(schema.signals.id, signal.id));
	await db.update(schema.signalEvidence).set({ addedAt: madeAt }).where(eq(schema.signalEvidence.signalId, signal.id));

	await db
		.update(t)
		.set({ code: FINISHED_TABLE_CODE, createdAt: new Date(meeting.getTime() - 12 * day), endedAt: at(121) })
		.where(eq(t.id, tableId));
	return true;
}
