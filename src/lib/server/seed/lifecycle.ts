/**
 * Demo signals in every state of their life, as a plan owner's year would leave them: new ones from
 * postcards, some in triage, one registered by a childcare centre for parents without a car, a
 * duplicate merged away, one taken up in the plan with a new '(inwoner)' action and its feedback
 * published (the postcard DEM-ADA's tracking page follows it to that decision), one not taken up with
 * its reason, one passed on to the Flemish government. The councils' part (with council, advised) is
 * seeded by seed/councils.ts, which runs before this; an advised signal is then decided here.
 * Everything goes through the lifecycle domain; the clock is set back afterwards. Idempotent: a
 * signal that already has events is left alone, new signals are looked up by title.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { findUserByEmail, type StaffUser } from '../auth';
import { addEvidence, createSignal } from '../signals';
import { changeStatus, decide, mergeSignals, publishFeedback, registerOnBehalf } from '../signals/lifecycle';

const OWNER_EMAIL = 'regisseur@meespraak.demo';
const MODERATOR_EMAIL = 'moderator@meespraak.demo';
const DAY = 86_400_000;

async function staffUser(email: string): Promise<StaffUser | null> {
	const row = await findUserByEmail(email);
	return row ? { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds } : null;
}

function must<T extends { ok: boolean }>(r: T, what: string): T {
	if (!r.ok) throw new Error(`demo lifecycle, ${what}: ${JSON.stringify(r)}`);
	return r;
}

async function byTitle(title: string) {
	return getDb().select().from(schema.signals).where(eq(schema.signals.title, title)).get();
}

async function hasEvents(signalId: number) {
	return !!(await getDb().select({ id: schema.signalEvents.id }).from(schema.signalEvents).where(eq(schema.signalEvents.signalId, signalId)).get());
}

async function postcardIds(codes: string[]) {
	const rows = await getDb().select({ id: schema.postcards.id, code: schema.postcards.code }).from(schema.postcards).where(inArray(schema.postcards.code, codes));
	return codes.flatMap((c) => rows.filter((r) => r.code === c).map((r) => r.id));
}

/** A signal from demo postcards (once, by title). */
async function fromPostcards(mo: StaffUser, title: string, summary: string, type: string, codes: string[], themes: string[]) {
	const existing = await byTitle(title);
	if (existing) return existing.id;
	const ids = await postcardIds(codes);
	const r = await createSignal(
		{ title, summary, type, evidence: ids.map((sourceId) => ({ sourceType: 'postcard' as const, sourceId })), tags: themes.map((refId) => ({ kind: 'theme' as const, refId })) },
		mo.id
	);
	if (!r.ok) throw new Error(`demo lifecycle, signal '${title}': ${r.problems.join(', ')}`);
	return r.id;
}

/** Moves the times of a signal's events back to `days` ago, spread over the following days. */
async function backdate(signalId: number, days: number) {
	const db = getDb();
	const events = await db.select({ id: schema.signalEvents.id }).from(schema.signalEvents).where(eq(schema.signalEvents.signalId, signalId)).orderBy(schema.signalEvents.id);
	const start = Date.now() - days * DAY;
	for (const [i, e] of events.entries()) await db.update(schema.signalEvents).set({ at: new Date(start + i * 4 * DAY) }).where(eq(schema.signalEvents.id, e.id));
	const decision = await db.select().from(schema.signalDecisions).where(eq(schema.signalDecisions.signalId, signalId)).get();
	if (decision && events.length) await db.update(schema.signalDecisions).set({ decidedAt: new Date(start + (events.length - 1) * 4 * DAY) }).where(eq(schema.signalDecisions.signalId, signalId));
	if (events.length) await db.update(schema.signals).set({ updatedAt: new Date(start + (events.length - 1) * 4 * DAY) }).where(eq(schema.signals.id, signalId));
}

/** The events this seed added after `afterId` (a decision after a council's advice) go to a few days after that advice. */
async function afterAdvice(signalId: number, afterId: number) {
	const db = getDb();
	const advised = await db
		.select({ at: schema.signalEvents.at })
		.from(schema.signalEvents)
		.where(and(eq(schema.signalEvents.signalId, signalId), eq(schema.signalEvents.toStatus, 'advised')))
		.get();
	if (!advised) return;
	const events = (await db.select({ id: schema.signalEvents.id }).from(schema.signalEvents).where(eq(schema.signalEvents.signalId, signalId)).orderBy(schema.signalEvents.id)).filter((e) => e.id > afterId);
	let at = +advised.at;
	for (const e of events) {
		at += 3 * DAY;
		await db.update(schema.signalEvents).set({ at: new Date(at) }).where(eq(schema.signalEvents.id, e.id));
	}
	await db.update(schema.signalDecisions).set({ decidedAt: new Date(+advised.at + 3 * DAY) }).where(eq(schema.signalDecisions.signalId, signalId));
	await db.update(schema.signals).set({ updatedAt: new Date(at) }).where(eq(schema.signals.id, signalId));
}

/**
 * The councils' seed leaves its signals' events at the moment of seeding; put them on the dates of the
 * requests and the published advice they stand for (triage the day before the request).
 */
async function alignCouncilEvents() {
	const db = getDb();
	const fresh = Date.now() - 3_600_000;
	for (const r of await db.select().from(schema.councilRequests)) {
		const advice = await db.select().from(schema.councilAdvice).where(eq(schema.councilAdvice.requestId, r.id)).get();
		const events = await db.select().from(schema.signalEvents).where(eq(schema.signalEvents.signalId, r.signalId)).orderBy(schema.signalEvents.id);
		let last = 0;
		for (const e of events) {
			if (+e.at < fresh) {
				last = Math.max(last, +e.at);
				continue;
			}
			let at: number | null = null;
			if (e.toStatus === 'triage') at = +r.requestedAt - DAY;
			else if ((e.toStatus === 'with_council' || e.kind === 'council_request') && e.councilId === r.councilId) at = +r.requestedAt;
			else if ((e.toStatus === 'advised' || e.kind === 'advice_published') && e.councilId === r.councilId && advice) at = +advice.publishedAt;
			if (at === null) continue;
			await db.update(schema.signalEvents).set({ at: new Date(at) }).where(eq(schema.signalEvents.id, e.id));
			last = Math.max(last, at);
		}
		if (last) await db.update(schema.signals).set({ updatedAt: new Date(last) }).where(eq(schema.signals.id, r.signalId));
	}
}

async function lastEventId() {
	const row = await getDb().select({ id: schema.signalEvents.id }).from(schema.signalEvents).orderBy(desc(schema.signalEvents.id)).get();
	return row?.id ?? 0;
}

export async function seedDemoLifecycle(): Promise<boolean> {
	const [owner, mo] = await Promise.all([staffUser(OWNER_EMAIL), staffUser(MODERATOR_EMAIL)]);
	if (!owner || !mo) return false;
	let changed = false;

	// The table's recommendation, backed by postcard DEM-ADA: taken up with a new action, feedback out.
	const infoavond = await byTitle('Neutrale infoavond over de studiekeuze in het secundair');
	if (infoavond && !(await hasEvents(infoavond.id))) {
		must(await changeStatus(mo, infoavond.id, 'triage'), 'infoavond triage');
		must(
			await decide(owner, infoavond.id, {
				outcome: 'taken_up',
				goalId: '1.4',
				newAction: { label: 'Jaarlijkse neutrale infoavond over de studiekeuze, met CLB en tolken, in klare taal', fromResident: true },
				reason: 'Ouders en de dialoogtafel vroegen het; het past in doel 1.4 (bruggen slaan in de schoolloopbaan). CLB en de stad organiseren de eerste avond in februari.'
			}),
			'infoavond decision'
		);
		must(await publishFeedback(owner, infoavond.id, 'De eerste infoavond is op 12 februari in het Stadhuis, met tolken Arabisch, Frans en Engels. Iedereen is welkom, inschrijven hoeft niet.'), 'infoavond feedback');
		await backdate(infoavond.id, 24);
		changed = true;
	}

	// The laptop signal: schools' ICT is Flemish policy; passed on, with the addressee.
	const laptop = await byTitle('Een laptop en internet voor schoolwerk in elk gezin');
	if (laptop && !(await hasEvents(laptop.id))) {
		must(await changeStatus(mo, laptop.id, 'triage'), 'laptop triage');
		must(
			await decide(owner, laptop.id, {
				outcome: 'passed_on',
				level: 'flemish',
				addressee: 'Vlaams minister van Onderwijs (Digisprong)',
				reason: 'Laptops voor leerlingen lopen via de Vlaamse Digisprong. We vragen dat gezinnen met een schooltoelage er voorrang krijgen; de stad blijft zelf tweedehandslaptops uitlenen (actie 6.4).'
			}),
			'laptop decision'
		);
		await backdate(laptop.id, 20);
		changed = true;
	}

	// New signals from the demo postcards.
	const psy = await fromPostcards(
		mo,
		'Meer psychologen en kortere wachttijden',
		'Inwoners wachten maanden op een psycholoog. Ze vragen meer eerstelijnspsychologen in de buurt.',
		'need',
		['DEM-ANA'],
		['4']
	);
	if (!(await hasEvents(psy))) {
		must(await changeStatus(mo, psy, 'triage'), 'psy triage');
		must(
			await decide(owner, psy, {
				outcome: 'not_taken_up',
				reason: 'Dit staat al in het plan: actie 4.1 breidt de eerstelijnspsychologische zorg uit via het netwerk. Een tweede actie zou hetzelfde doen; we volgen de wachttijden wel op in de jaarlijkse bijsturing.'
			}),
			'psy decision'
		);
		await backdate(psy, 30);
		changed = true;
	}
	const lonely = await fromPostcards(
		mo,
		'Eenzaamheid bij ouderen die slecht te been zijn',
		'Ouderen die moeilijk buiten komen, zitten vaak alleen. Ze vragen bezoek en vervoer naar ontmoetingsplekken.',
		'concern',
		['DEM-ASA', 'DEM-AYA'],
		['5']
	);
	const lonelyDup = await fromPostcards(mo, 'Alleen thuis als je niet meer goed kunt stappen', '', 'concern', ['DEM-AYA'], ['5']);
	if (!(await hasEvents(lonelyDup))) {
		must(await mergeSignals(mo, lonely, [lonelyDup], 'Zelfde vraag, twee keer gemaakt'), 'merge');
		changed = true;
	}
	const empty = await fromPostcards(mo, 'Lege gebouwen inzetten tegen de woonnood', 'Gebouwen staan jaren leeg terwijl mensen geen woning vinden.', 'proposal', ['DEM-AHA', 'DEM-AMA'], ['3']);
	if (!(await hasEvents(empty))) {
		must(await changeStatus(mo, empty, 'triage'), 'empty triage');
		await backdate(empty, 10);
		changed = true;
	}
	await fromPostcards(mo, 'Werk op maat voor mensen met een chronische ziekte', '', 'need', ['DEM-AFA', 'DEM-AGA'], ['2']);

	// A childcare centre registers what it sees, for parents who rarely take part themselves.
	if (!(await byTitle('Ouders zonder auto halen de kinderopvang niet op tijd'))) {
		must(
			await registerOnBehalf(mo, {
				organisation: 'Kinderdagverblijf De Bolleboos',
				onBehalfOf: 'ouders zonder auto in Sint-Pieters',
				observation: 'Elke week komen een paar ouders te laat: de bus uit de industriezone rijdt om 18.05 uur, de opvang sluit om 18 uur.',
				title: 'Ouders zonder auto halen de kinderopvang niet op tijd',
				summary: 'De opvang sluit vóór de bus aankomt. Ouders krijgen een boete of verliezen hun plaats.',
				type: 'barrier',
				tags: [
					{ kind: 'theme', refId: '1' },
					{ kind: 'target_group', refId: 'alleenstaande-ouders' }
				]
			}),
			'registration'
		);
		changed = true;
	}

	// A workshop challenge in triage: the plan owner is looking at it.
	const challenge = await getDb()
		.select()
		.from(schema.signals)
		.where(and(eq(schema.signals.title, 'Regio-uitdaging: anderstaligen met een migratieachtergrond in DAW+'), eq(schema.signals.status, 'new')))
		.get();
	if (challenge && !(await hasEvents(challenge.id))) {
		must(await changeStatus(mo, challenge.id, 'triage'), 'challenge triage');
		await backdate(challenge.id, 9);
		changed = true;
	}

	await alignCouncilEvents();
	// Advice the councils published (seed/councils.ts) is followed by decisions. The childcare one is
	// backed by postcard DEM-ABA, whose tracking page then shows the whole chain: card → signal →
	// LOKO's advice → a new '(inwoner)' action → the feedback.
	const trips = await byTitle('Uitstappen en schoolreizen betalen zonder dat de klas het ziet');
	if (trips?.status === 'advised') {
		const before = await lastEventId();
		must(
			await decide(owner, trips.id, {
				outcome: 'taken_up',
				goalId: '1.4',
				reason: 'Brugge Dialoogstad gaf een voorwaardelijk gunstig advies. We vragen de scholen de kosten vooraf te melden en betalen in schijven toe te laten; de voorwaarden van de raad volgen we op.'
			}),
			'trips decision'
		);
		await afterAdvice(trips.id, before);
		changed = true;
	}
	const childcare = await byTitle('Te weinig plaatsen in de kinderopvang voor ouders met wisselende werkuren');
	if (childcare?.status === 'advised') {
		const before = await lastEventId();
		const cards = await postcardIds(['DEM-ABA']);
		if (cards.length) must(await addEvidence(childcare.id, cards.map((sourceId) => ({ sourceType: 'postcard' as const, sourceId })), mo.id), 'childcare evidence');
		must(
			await decide(owner, childcare.id, {
				outcome: 'taken_up',
				goalId: '1.3',
				newAction: { label: 'Flexibele opvang tot 20 uur en in de schoolvakanties, voor ouders met wisselende werkuren', fromResident: true },
				reason: 'De LOKO gaf een gunstig advies. Ouders vroegen het op postkaartjes; het past in doel 1.3 (een dekkend opvangaanbod).'
			}),
			'childcare decision'
		);
		must(await publishFeedback(owner, childcare.id, 'Vanaf de zomervakantie blijven twee opvanglocaties open tot 20 uur, ook in de vakanties. Inschrijven kan bij het Loket Kinderopvang.'), 'childcare feedback');
		await afterAdvice(childcare.id, before);
		changed = true;
	}
	return changed;
}
