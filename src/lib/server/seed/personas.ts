/**
 * Demo persona workshops, from the DAW+ local addendum (`data/persona-workshop-daw.json`). The region
 * DAW+ with its four fictional personas (Nassim, Marc, Mieke, Sabine; the source has no persona cards,
 * so their cards are filled in here from the challenges, written from strengths) and the four bundles
 * in the addendum's order. A finished workshop: the room chose the personas, mapped needs → services,
 * wrote the four challenges, spoke as the personas and voted; partners responded to the enrichment
 * session ('mits aanvullingen en aandachtspunten', the six additions merged), core partners did the
 * arena analysis, the call's timeline is filled in and each challenge became a signal. And a new
 * workshop for the same region, ready to start, with a fixed join code.
 * Everything goes through the personas domain, as a facilitator's clicks would; only the clock is set
 * back afterwards. Idempotent: each workshop is looked up by its code first.
 */
import { eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { findUserByEmail, hashToken, type StaffUser } from '../auth';
import { addContribution, answerPoll, applyAction, joinTable } from '../tables';
import { createBundle, createPersona, ensureRegion, listBundles, type PersonaInput } from '../personas';
import { addArenaItem, applyVoteOrder, createWorkshop, mergeAddition, openStepBoard, saveChallenge, setOtherInput, setTimeline } from '../personas/workshops';
import { createInvite, submitArena, submitEnrichment } from '../personas/partners';
import { signalFromChallenge } from '../personas/signals';
import { parseQuestion } from '$lib/personas/challenge';
import daw from './data/persona-workshop-daw.json';

/** The finished DAW+ workshop's join code. */
export const FINISHED_WORKSHOP_CODE = 'DAW-245';
/** The new workshop, ready to start. */
export const NEW_WORKSHOP_CODE = 'PRS-362';
/** An enrichment link of the finished workshop that has not been answered yet. Demo only. */
export const DEMO_PARTNER_TOKEN = 'demopartnerbibliotheekopwijk2026';
export const DEMO_PARTNER_PATH = `/partner/${DEMO_PARTNER_TOKEN}`;
export const DEMO_REGION = daw.region.id;

const FACILITATOR_EMAIL = 'begeleider@meespraak.demo';
const DAY = 86_400_000;

type Card = Omit<PersonaInput, 'needs' | 'barriers' | 'background' | 'drive'> & { source: string };

/** What the challenges say about each persona, filled in with a life that fits (all fictional). */
const CARDS: Card[] = [
	{
		source: 'Nassim',
		name: 'Nassim',
		ageBand: '30-49',
		household: 'Woont met zijn broer en diens gezin in Asse.',
		situation: 'Kwam vier jaar geleden uit Brussel naar de regio. Volgt Nederlandse les en zoekt werk; werkte vroeger als elektricien.',
		strengths: ['Vakkennis als elektricien', 'Spreekt Arabisch en Frans, leert snel Nederlands', 'Helpt buren graag met klussen'],
		quote: 'Ik wil werken en mensen leren kennen, maar ik weet niet waar ik moet beginnen.',
		targetGroupIds: ['nieuwkomers', 'migratieachtergrond', 'werkzoekenden', 'beperkte-digitale-vaardigheden'],
		languages: ['Arabisch', 'Frans', 'Nederlands (leert)'],
		avatar: 'a03'
	},
	{
		source: 'Marc',
		name: 'Marc',
		ageBand: '50-64',
		household: 'Alleenstaand, woont in een appartement in Dilbeek.',
		situation: 'Werkte dertig jaar in de bouw tot een rugletsel. Sindsdien thuis, met somberheid en een drankprobleem waar hij aan werkt.',
		strengths: ['Handig met hout en gereedschap', 'Kent veel mensen van zijn vroegere werk', 'Eerlijk over wat moeilijk gaat'],
		quote: 'Ik wil me weer nuttig voelen, en zelf beslissen over mijn dagen.',
		targetGroupIds: ['chronisch-ziek', 'armoede'],
		languages: ['Nederlands'],
		avatar: 'a07'
	},
	{
		source: 'Mieke',
		name: 'Mieke',
		ageBand: '30-49',
		household: 'Woont samen met haar partner in Merchtem.',
		situation: 'Heeft chronische pijnklachten en kan een paar uur per dag werken. Haar vroegere job als boekhoudster was te zwaar.',
		strengths: ['Nauwkeurig en goed met cijfers', 'Doorzetter', 'Denkt mee over oplossingen'],
		quote: 'Ik kan best werken, als het werk maar bij mij past.',
		targetGroupIds: ['chronisch-ziek', 'handicap', 'werkzoekenden'],
		languages: ['Nederlands', 'Engels'],
		avatar: 'a05'
	},
	{
		source: 'Sabine',
		name: 'Sabine',
		ageBand: '30-49',
		household: 'Alleenstaande mama van twee kinderen (3 en 7 jaar), in Opwijk.',
		situation: 'Heeft geen auto en geen rijbewijs; de bus rijdt weinig. Vindt geen opvang die past bij werkuren.',
		strengths: ['Goed georganiseerd', 'Sterk netwerk van ouders op school', 'Wil graag bijleren'],
		quote: 'Als de opvang en het vervoer geregeld zijn, sta ik er.',
		targetGroupIds: ['alleenstaande-ouders', 'kinderen-kwetsbare-gezinnen', 'armoede'],
		languages: ['Nederlands'],
		avatar: 'a09'
	}
];

/** The barriers sentence of each challenge, in the addendum's words (by rank). */
const BARRIERS: Record<number, string> = {
	1: 'Ze ervaren culturele verschillen en voelen zich niet altijd aanvaard, hebben een beperkt sociaal netwerk, kennen het systeem niet en hebben weinig digitale vaardigheden',
	2: 'Ze hebben weinig zicht op heroriëntering, zijn ontmoedigd, hebben financiële problemen en krijgen weinig erkenning voor hun vaardigheden',
	3: 'Ze kennen de kinderopvang onvoldoende, hun omgeving ondersteunt kinderopvang niet, en (vervoers)armoede en geen rijbewijs houden hen thuis',
	4: 'Ze hebben een laag zelfbeeld en een beperkt sociaal netwerk, en de zorg stopt vaak te vroeg'
};

/** Partners of the enrichment session (organisations, no contact people) and what they answered. */
const ENRICHMENT: { organisation: string; additions: number[]; proposal?: { rank: number; text: string } }[] = [
	{ organisation: 'Lokaal dienstencentrum Asse', additions: [0, 1] },
	{ organisation: 'Centrum voor geestelijke gezondheidszorg (regio)', additions: [2, 3] },
	{ organisation: 'Welzijnsschakel Merchtem', additions: [4, 5], proposal: { rank: 3, text: 'Noem ook grootouders en buren als opvang: in Opwijk vangen zij veel op, maar zonder ondersteuning.' } }
];

/** Core partners of the arena analysis and their dots (by row of the needs → services table). */
const ARENA: { organisation: string; dots: Record<number, number> }[] = [
	{ organisation: 'Werkwinkel regio (arbeidsbemiddeling)', dots: { 6: 2, 0: 1, 7: 1, 5: 1 } },
	{ organisation: 'Gemeente Dilbeek, sociale dienst', dots: { 3: 2, 4: 1, 6: 1, 1: 1 } },
	{ organisation: 'Gemeente Asse, sociale dienst', dots: { 5: 2, 3: 1, 6: 1, 9: 1 } },
	{ organisation: 'Gemeente Opwijk, sociale dienst', dots: { 4: 2, 8: 2, 3: 1 } }
];

const OTHER_INPUT =
	'De lokale besturen vragen projecten die samenwerken met het bestaande aanbod (OCMW, dienstencentra, taalaanbod) in plaats van iets nieuws naast elkaar te zetten. Projecten werken bij voorkeur in meer dan één gemeente van de regio.';

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`demo workshop, ${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

async function staffUser(email: string): Promise<StaffUser | null> {
	const row = await findUserByEmail(email);
	return row ? { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds } : null;
}

const tableByCode = (code: string) => getDb().query.dialogueTables.findFirst({ where: (x, { eq }) => eq(x.code, code) });

/** The region, its personas and its bundles (once). */
async function seedLibrary(fien: StaffUser): Promise<void> {
	await ensureRegion({ id: daw.region.id, name: daw.region.name, municipalities: daw.region.municipalities });
	await ensureRegion({ id: 'brugge', name: 'Brugge', municipalities: ['Brugge'] });
	const db = getDb();
	if ((await db.select({ id: schema.personas.id }).from(schema.personas).where(eq(schema.personas.regionId, daw.region.id)).limit(1)).length) return;
	const ids = new Map<string, number>();
	for (const card of CARDS) {
		const p = daw.personas.find((x) => x.name === card.source)!;
		const { source: _source, ...rest } = card;
		const made = must(await createPersona(fien, daw.region.id, { ...rest, background: p.background, drive: p.drive, needs: p.needs, barriers: p.barriers }), `persona ${card.name}`);
		ids.set(card.name, made.id);
	}
	for (const c of [...daw.challenges].sort((a, b) => a.rank - b.rank))
		must(await createBundle(fien, daw.region.id, { title: c.doelgroep, personaIds: c.personas.map((n) => ids.get(n)!) }), `bundle ${c.rank}`);
}

/** The finished workshop, as the region ran it in spring 2023. False when it is there. */
async function seedFinishedWorkshop(fien: StaffUser): Promise<boolean> {
	if (await tableByCode(FINISHED_WORKSHOP_CODE)) return false;
	const db = getDb();
	const meeting = new Date('2023-05-09T13:30:00Z');
	const at = (minutes: number) => new Date(meeting.getTime() + minutes * 60_000);
	const made = must(
		await createWorkshop(fien, {
			regionId: daw.region.id,
			title: 'Persona-workshop DAW+: regio-uitdagingen',
			locale: 'nl',
			themeIds: [2, 6],
			scheduledAt: meeting,
			place: 'Gemeentehuis Wemmel, raadzaal'
		}),
		'create'
	);
	const { workshopId, tableId, code } = made;
	const bundles = await listBundles(daw.region.id);
	const steps = await db.select().from(schema.workshopSteps).where(eq(schema.workshopSteps.workshopId, workshopId));
	const phases = await db.select().from(schema.tablePhases).where(eq(schema.tablePhases.tableId, tableId)).orderBy(schema.tablePhases.position);
	const stepPhase = (step: string, bundleId?: number) => steps.find((s) => s.step === step && (bundleId === undefined || s.bundleId === bundleId))!.phaseId;

	// Arena rows first, so the first bundle's needs board can start from them.
	for (const row of daw.needs_services) must(await addArenaItem(fien, workshopId, { need: row.need, service: row.service }), 'arena row');
	must(await openStepBoard(fien, workshopId, stepPhase('needs', bundles[0].id), { prefill: true }), 'needs board');

	// The room: twelve participants from partner organisations and the region, some speaking as a persona.
	const people: number[] = [];
	for (let i = 0; i < 12; i++) people.push(must(await joinTable(code, i % 3 === 0 ? undefined : `Deelnemer ${i + 1}`), 'join').participantId);
	must(await applyAction(fien, tableId, { type: 'start' }), 'start');
	const personaIds = new Map(bundles.flatMap((b) => b.personas).map((p) => [p.name, p.id]));
	const said: Record<string, [number, string, string | null][]> = {
		personas: [
			[1, 'Nassim herken ik: in Asse komen veel mensen uit Brussel die wel willen, maar de weg niet kennen.', null],
			[2, 'Marc en Mieke lijken op elkaar: medische klachten, en niemand die kijkt naar wat ze nog wel kunnen.', null],
			[4, 'Sabine zien we in elke gemeente: alleen met kinderen, zonder auto.', null]
		],
		speak_as: [
			[0, 'Ik wil Nederlands oefenen met collega\u2019s, niet alleen in de klas.', 'Nassim'],
			[3, 'Op de website van de gemeente vind ik niets terug, alles is digitaal.', 'Nassim'],
			[5, 'Ik wil eerst iemand die naast me staat, niet tien nieuwe formulieren.', 'Marc'],
			[6, 'Een paar uur per week werken zou al veel betekenen, als mijn werkgever mee wil.', 'Mieke'],
			[7, 'Als de opvang om half zes sluit en de bus om vijf uur rijdt, lukt werken niet.', 'Sabine'],
			[8, 'Fietsles zou helpen, dan ben ik niet meer afhankelijk van de bus.', 'Sabine'],
			[9, 'Na de ontwenning was ik alleen. Daar ging het mis.', 'Marc']
		]
	};
	const next = async () => must(await applyAction(fien, tableId, { type: 'next' }), 'next');
	let n = 0;
	const say = async (phaseId: number, list: [number, string, string | null][]) => {
		for (const [who, text, lens] of list)
			must(await addContribution(people[who], { clientId: `seed-w-${n++}`, text, phaseId, lens: lens ? personaIds.get(lens)! : null }), 'contribution');
	};
	await say(stepPhase('personas'), said.personas);
	for (let i = 1; i < phases.length; i++) {
		await next();
		const step = steps.find((s) => s.phaseId === phases[i].id)!.step;
		if (step === 'challenge') {
			for (const c of [...daw.challenges].sort((a, b) => a.rank - b.rank)) {
				const bundle = bundles.find((b) => b.title === c.doelgroep)!;
				must(
					await saveChallenge(fien, workshopId, {
						bundleId: bundle.id,
						region: daw.region.name,
						targetGroup: c.doelgroep,
						barriers: BARRIERS[c.rank],
						questions: c.questions.map((q) => parseQuestion(q))
					}),
					`challenge ${c.rank}`
				);
			}
		}
		if (step === 'speak_as') await say(phases[i].id, said.speak_as);
		if (step === 'vote') {
			// Approval votes that keep the addendum's order (1 most often chosen).
			const ballots = [[0, 1], [0, 1, 2], [0], [0, 2], [1, 2], [0, 1, 3], [0, 1], [1, 2, 3], [0, 2], [0, 1], [2, 3], [0]];
			for (const [who, choices] of ballots.entries()) must(await answerPoll(people[who], phases[i].id, choices), 'vote');
			must(await applyAction(fien, tableId, { type: 'reveal', phaseId: phases[i].id, revealed: true }), 'reveal');
			must(await applyVoteOrder(fien, workshopId), 'vote order');
		}
	}
	must(await applyAction(fien, tableId, { type: 'end' }), 'end');

	// The enrichment session, three weeks later; then the arena analysis with the core partners.
	const challenges = await db.select().from(schema.challenges).where(eq(schema.challenges.workshopId, workshopId)).orderBy(schema.challenges.position);
	const enrichedAt = new Date('2023-05-30T09:00:00Z').getTime();
	for (const [i, partner] of ENRICHMENT.entries()) {
		const invite = must(await createInvite(fien, workshopId, { kind: 'enrichment', organisation: partner.organisation, days: 14 }, enrichedAt - 7 * DAY), 'invite');
		const texts = partner.additions.map((k) => daw.enrichment_additions[k]).join('\n');
		const responses = challenges.map((c, j) =>
			partner.proposal?.rank === c.position
				? { challengeId: c.id, verdict: 'propose_changes', text: partner.proposal.text }
				: { challengeId: c.id, verdict: j === 0 || j === i + 1 ? 'confirm_with_additions' : 'confirm', text: j === 0 || j === i + 1 ? texts : '' }
		);
		must(await submitEnrichment(invite.token, invite.inviteId, responses, enrichedAt + i * 3_600_000), 'enrichment');
	}
	// The six additions hold for every challenge: merged once each, for all of them.
	const responses = await db
		.select({ id: schema.enrichmentResponses.id, inviteId: schema.enrichmentResponses.inviteId, verdict: schema.enrichmentResponses.verdict, challengeId: schema.enrichmentResponses.challengeId })
		.from(schema.enrichmentResponses)
		.where(inArray(schema.enrichmentResponses.challengeId, challenges.map((c) => c.id)));
	const inviteIds = [...new Set(responses.map((r) => r.inviteId))].sort((a, b) => a - b);
	for (const [i, partner] of ENRICHMENT.entries()) {
		const first = responses.find((r) => r.inviteId === inviteIds[i] && r.verdict === 'confirm_with_additions' && r.challengeId === challenges[0].id)!;
		for (const k of partner.additions) must(await mergeAddition(fien, workshopId, { responseId: first.id, challengeId: null, text: daw.enrichment_additions[k] }), 'addition');
	}
	const arenaItems = await db.select().from(schema.arenaItems).where(eq(schema.arenaItems.workshopId, workshopId)).orderBy(schema.arenaItems.position);
	for (const [i, partner] of ARENA.entries()) {
		const invite = must(await createInvite(fien, workshopId, { kind: 'arena', organisation: partner.organisation, days: 14 }, enrichedAt), 'arena invite');
		const dots = Object.fromEntries(Object.entries(partner.dots).map(([row, d]) => [arenaItems[Number(row)].id, d]));
		must(await submitArena(invite.token, invite.inviteId, dots, enrichedAt + 2 * DAY + i * 3_600_000), 'arena dots');
	}
	// One partner has not answered yet: its link stays open (the demo prints it).
	const open = must(await createInvite(fien, workshopId, { kind: 'enrichment', organisation: 'Bibliotheek Opwijk', days: 90 }), 'open invite');
	await db.update(schema.partnerInvites).set({ tokenHash: hashToken(DEMO_PARTNER_TOKEN), expiresAt: new Date(Date.now() + 365 * DAY) }).where(eq(schema.partnerInvites.id, open.inviteId));

	must(await setTimeline(fien, workshopId, daw.call_timeline.map((s) => ({ step: s.step, date: s.date }))), 'timeline');
	must(await setOtherInput(fien, workshopId, OTHER_INPUT), 'other input');

	// Each challenge as a signal: needs, and the childcare challenge as a proposal.
	const madeAt = new Date('2023-06-12T10:00:00Z');
	const signalIds: number[] = [];
	for (const c of challenges) signalIds.push(must(await signalFromChallenge(fien, workshopId, c.id, { type: c.position === 3 ? 'proposal' : 'need' }), `signal ${c.position}`).signalId);

	// Back to 2023: the contributions during the afternoon, the end, the signals in June.
	const co = schema.tableContributions;
	const rows = await db.select({ id: co.id }).from(co).where(eq(co.tableId, tableId)).orderBy(co.id);
	for (const [i, r] of rows.entries()) await db.update(co).set({ createdAt: at(10 + i * 9) }).where(eq(co.id, r.id));
	for (const [i, id] of people.entries()) await db.update(schema.tableParticipants).set({ joinedAt: at(-5 + i), lastSeen: at(170) }).where(eq(schema.tableParticipants.id, id));
	await db.update(schema.tablePhases).set({ timerStartedAt: null, timerRemainingMs: null }).where(eq(schema.tablePhases.tableId, tableId));
	await db.update(schema.signals).set({ createdAt: madeAt, updatedAt: madeAt }).where(inArray(schema.signals.id, signalIds));
	await db.update(schema.signalEvidence).set({ addedAt: madeAt }).where(inArray(schema.signalEvidence.signalId, signalIds));
	await db.update(schema.workshops).set({ createdAt: new Date(meeting.getTime() - 20 * DAY) }).where(eq(schema.workshops.id, workshopId));
	await db
		.update(schema.dialogueTables)
		.set({ code: FINISHED_WORKSHOP_CODE, createdAt: new Date(meeting.getTime() - 20 * DAY), endedAt: at(175) })
		.where(eq(schema.dialogueTables.id, tableId));
	return true;
}

/** A new workshop for the region, ready to start. False when it is there. */
async function seedNewWorkshop(fien: StaffUser): Promise<boolean> {
	if (await tableByCode(NEW_WORKSHOP_CODE)) return false;
	const next = new Date(Date.now() + 7 * DAY);
	next.setUTCHours(12, 0, 0, 0);
	const made = must(
		await createWorkshop(fien, {
			regionId: daw.region.id,
			title: 'Persona-workshop DAW+: tweede ronde',
			locale: 'nl',
			themeIds: [2],
			scheduledAt: next,
			place: 'Cultuurcentrum Dilbeek'
		}),
		'create new'
	);
	await getDb().update(schema.dialogueTables).set({ code: NEW_WORKSHOP_CODE }).where(eq(schema.dialogueTables.id, made.tableId));
	return true;
}

/** The region's library and both workshops (each only when it is not there yet). True when anything was added. */
export async function seedDemoWorkshops(): Promise<boolean> {
	const fien = await staffUser(FACILITATOR_EMAIL);
	if (!fien) return false;
	await seedLibrary(fien);
	const finished = await seedFinishedWorkshop(fien);
	const fresh = await seedNewWorkshop(fien);
	return finished || fresh;
}
