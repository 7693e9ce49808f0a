/**
 * Demo data for the advisory councils: three members for each council (Brugge Dialoogstad also has the
 * demo account adviesraad@meespraak.demo), a quorum of 3 each, one published advice per council (three
 * asked by the plan owner with a question and a deadline, one raised by the council itself), and for
 * Brugge Dialoogstad one more request whose vote is under way (2 of 3 votes cast, closing in 5 days).
 *
 * The advice goes through the councils' own domain functions (send, thread, draft, vote, publish), so the
 * demo holds nothing the product could not have made. Signals are taken from the demo signals whose
 * subject fits the council; a council without a fitting signal gets one made for it.
 *
 * Idempotent: members that exist are left alone, a quorum a plan owner set is kept, and a request is
 * made only when its council has no request with that question yet. The members' demo password is
 * COUNCIL_MEMBER_PASSWORD (demo only: never on a real installation).
 */
import { and, eq } from 'drizzle-orm';
import { getDb, schema } from '../db';
import type { AdviceVerdict, Role } from '../db/schema';
import { createStaff, findUserByEmail, type StaffUser } from '../auth';
import { createSignal } from '../signals';
import { castVote, openVote, postMessage, publishAdvice, raiseOwnInitiative, replaceDraft, sendToCouncil, setQuorum, ADVISABLE } from '../councils';
import demoAccounts from './data/demo-accounts.json';

export const COUNCIL_MEMBER_PASSWORD = 'demo-raadslid-2026';
export const councilMemberEmail = (councilId: string, n: number) => `raad-${councilId}-${n}@meespraak.demo`;
const PLAN_OWNER_EMAIL = 'regisseur@meespraak.demo';
const MODERATOR_EMAIL = 'moderator@meespraak.demo';
/** The demo account that already sits on Brugge Dialoogstad. */
const DIALOOGSTAD_DEMO_EMAIL = 'adviesraad@meespraak.demo';
const DEMO_QUORUM = 3;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Fictional members (names made up for the demo). */
const MEMBERS: Record<string, string[]> = {
	dialoogstad: ['Raadslid Samira El Amrani', 'Raadslid Jef Vandamme', 'Raadslid Nadia Claeys'],
	sar: ['Raadslid Georgette Verhaeghe', 'Raadslid Roger Dewitte', 'Raadslid Annie Maes'],
	loko: ['Raadslid Ilse De Smet', 'Raadslid Tom Vermeulen', 'Raadslid Fatma Yilmaz'],
	rph: ['Raadslid Luc Desmet', 'Raadslid Hilde Goethals', 'Raadslid Youssef Benali']
};

type Fallback = { title: string; summary: string; type: 'concern' | 'need' | 'barrier' | 'gap' | 'proposal'; themeId: string };
type Planned = {
	councilId: string;
	/** Which demo signals fit this request, by their title (the question is about that subject). */
	fits: RegExp;
	/** The signal made when none fits. */
	fallback: Fallback;
	/** The question from the city, or the council's note on its own initiative. */
	question: string;
	ownInitiative?: boolean;
	/** Days before today the request came in (and its deadline, days after it came in). */
	daysAgo: number;
	deadlineDays: number;
	messages: { by: number; text: string; hoursAfter: number }[];
	draft: string;
	/** Votes by member number (1-based); `publish` publishes once they are in. */
	votes: { by: number; verdict: AdviceVerdict }[];
	publish: boolean;
};

const PLANNED: Planned[] = [
	{
		councilId: 'dialoogstad',
		fits: /schoolreis|uitstap|schoolkost/i,
		fallback: {
			title: 'Uitstappen en schoolreizen betalen zonder dat de klas het ziet',
			summary:
				'Ouders met een klein budget houden hun kinderen thuis op de dag van een schooluitstap of schoolreis, omdat ze het niet kunnen betalen en zich schamen om het te vragen. Kinderen voelen zich buitengesloten.',
			type: 'barrier',
			themeId: '1'
		},
		question:
			'Scholen en stad willen samen een fonds voor schooluitstappen opzetten. Hoe zorgen we ervoor dat geen enkel kind thuisblijft, zonder dat ouders of kinderen zich moeten tonen als arm? Wat raadt de adviesraad aan?',
		daysAgo: 34,
		deadlineDays: 30,
		messages: [
			{ by: 1, text: 'Bij ons op de dialoogtafel zeiden ouders letterlijk: "Ik hou mijn kind liever ziek thuis dan dat de juf het weet."', hoursAfter: 26 },
			{ by: 2, text: 'Een fonds is goed, maar alleen als de school zelf aanvraagt en niet de ouder. Anders werkt het niet.', hoursAfter: 50 },
			{ by: 3, text: 'Akkoord. En de school moet de prijs vooraf met de ouderraad bespreken. Ik zet het in het ontwerp.', hoursAfter: 75 }
		],
		draft:
			'Brugge Dialoogstad geeft een voorwaardelijk gunstig advies over het fonds voor schooluitstappen.\n\nDe raad steunt het fonds, omdat kinderen nu thuisblijven op de dag van een uitstap of schoolreis. Ouders met weinig geld schamen zich om hulp te vragen.\n\nVoorwaarden:\n1. De school vraagt het geld aan, niet de ouder. Geen enkel kind of ouder moet zich tonen.\n2. De school bespreekt de prijs van uitstappen vooraf met de ouderraad en houdt een maximumbedrag per schooljaar aan.\n3. De stad meet elk jaar hoeveel kinderen toch thuisblijven en bespreekt dat met de raad.',
		votes: [
			{ by: 1, verdict: 'conditional' },
			{ by: 2, verdict: 'conditional' },
			{ by: 3, verdict: 'favourable' }
		],
		publish: true
	},
	{
		councilId: 'dialoogstad',
		fits: /energie|verwarming|stookolie/i,
		fallback: {
			title: 'Gezinnen zetten de verwarming uit omdat ze de energiefactuur niet kunnen betalen',
			summary:
				'Gezinnen met een laag inkomen verwarmen in de winter maar één kamer of zetten de verwarming helemaal uit, omdat de energiefactuur te hoog is. Vooral in oude huurwoningen met enkel glas en zonder isolatie.',
			type: 'concern',
			themeId: '3'
		},
		question:
			'De stad wil een energiecoach aanbieden die gezinnen thuis helpt om hun energiefactuur te verlagen. Is dat volgens de adviesraad een goed antwoord op dit signaal?',
		daysAgo: 10,
		deadlineDays: 28,
		messages: [
			{ by: 1, text: 'Een coach helpt, maar in een huurhuis met enkel glas kan je zelf weinig doen. De eigenaar moet ook iets doen.', hoursAfter: 20 },
			{ by: 2, text: 'En de coach moet echt langskomen, niet alleen een folder of een website. Veel mensen durven niet bellen.', hoursAfter: 44 }
		],
		draft:
			'Brugge Dialoogstad vindt een energiecoach een goed begin, op voorwaarde dat:\n1. de coach bij de mensen thuis langskomt en in klare taal uitlegt;\n2. de stad ook de eigenaars van slecht geïsoleerde huurwoningen aanspreekt.',
		votes: [
			{ by: 1, verdict: 'favourable' },
			{ by: 2, verdict: 'conditional' }
		],
		publish: false
	},
	{
		councilId: 'sar',
		fits: /eenza|geïsoleerd|te been/i,
		fallback: {
			title: 'Ouderen die slecht te been zijn raken thuis geïsoleerd',
			summary:
				'Oudere inwoners die slecht te been zijn, komen bijna niet meer buiten. Ze geraken niet tot in het dienstencentrum of bij de bakker en zien soms dagenlang niemand.',
			type: 'concern',
			themeId: '5'
		},
		question:
			"De stad wil een netwerk 'Buren voor buren' starten: vrijwilligers bezoeken ouderen thuis en nemen hen mee naar het dienstencentrum. Wat vindt de seniorenadviesraad daarvan?",
		daysAgo: 40,
		deadlineDays: 35,
		messages: [
			{ by: 1, text: 'Vrijwilligers zijn goud waard, maar je kunt niet alles op hen laten rusten. Wat als er niemand is in een buurt?', hoursAfter: 30 },
			{ by: 2, text: 'Mijn buurvrouw is 84. Ze heeft vooral vervoer nodig dat ze zelf kan bellen, elke week op hetzelfde uur.', hoursAfter: 52 },
			{ by: 3, text: 'Een buurtnetwerk naast vervoer en thuiszorg zou wel kunnen. Maar niet in de plaats van.', hoursAfter: 70 }
		],
		draft:
			"De seniorenadviesraad geeft een ongunstig advies over het netwerk 'Buren voor buren' zoals het nu voorgesteld is.\n\nEen kwart van de inwoners is ouder dan 65. Wie slecht te been is, heeft elke week vervoer en hulp nodig waarop hij kan rekenen. Een netwerk dat alleen op vrijwilligers steunt, kan dat niet beloven, zeker niet in buurten waar weinig vrijwilligers zijn.\n\nDe raad vraagt om eerst aangepast vervoer naar de dienstencentra te regelen, dat ouderen zelf kunnen bellen. Een buurtnetwerk kan daarna helpen, naast dat vervoer en de thuiszorg, niet in de plaats ervan.",
		votes: [
			{ by: 1, verdict: 'unfavourable' },
			{ by: 2, verdict: 'unfavourable' },
			{ by: 3, verdict: 'conditional' }
		],
		publish: true
	},
	{
		councilId: 'loko',
		fits: /kinderopvang|crèche|peuter/i,
		fallback: {
			title: 'Te weinig plaatsen in de kinderopvang voor ouders met wisselende werkuren',
			summary:
				'Ouders die in ploegen, in de zorg of in de horeca werken, vinden geen kinderopvang die open is op de uren dat zij werken. Vooral alleenstaande ouders moeten daardoor werk weigeren.',
			type: 'gap',
			themeId: '1'
		},
		question:
			'De stad stelt voor om in twee buurtcentra, dicht bij een bushalte, kinderopvang te starten die open is van 6 tot 21 uur, met voorrang voor ouders met wisselende werkuren. Is dat volgens het LOKO een goed antwoord?',
		daysAgo: 28,
		deadlineDays: 30,
		messages: [
			{ by: 1, text: 'Dit is precies wat ouders op de wachtlijst vragen. Ik ben voor.', hoursAfter: 18 },
			{ by: 2, text: 'Voor mij ook gunstig. Wel opletten dat de prijs volgens het inkomen blijft.', hoursAfter: 40 }
		],
		draft:
			'Het Lokaal Overleg Kinderopvang geeft een gunstig advies over flexibele kinderopvang in twee buurtcentra.\n\nOuders met wisselende werkuren of zonder auto halen de opvang nu niet op tijd. Vooral alleenstaande ouders weigeren daardoor werk. Opvang van 6 tot 21 uur, dicht bij een bushalte, helpt hen rechtstreeks.\n\nHet LOKO vraagt om de prijs volgens het inkomen te houden en na een jaar samen te bekijken of twee buurtcentra genoeg zijn.',
		votes: [
			{ by: 1, verdict: 'favourable' },
			{ by: 2, verdict: 'favourable' },
			{ by: 3, verdict: 'favourable' }
		],
		publish: true
	},
	{
		councilId: 'rph',
		fits: /rolstoel|rollator|voetpad|bushalte/i,
		fallback: {
			title: 'Voetpaden en bushaltes in de binnenstad moeilijk bereikbaar met rolstoel of rollator',
			summary:
				'Inwoners met een rolstoel, rollator of kinderwagen raken in de binnenstad niet vlot van hun deur tot aan de bus: smalle en scheve voetpaden, geen verlaagde boorden aan oversteekplaatsen en bushaltes zonder verhoogd perron.',
			type: 'barrier',
			themeId: '6'
		},
		ownInitiative: true,
		question:
			'De raad kreeg het voorbije jaar veel klachten over voetpaden en bushaltes die niet bereikbaar zijn met een rolstoel of rollator. We geven op eigen initiatief advies aan de stad.',
		daysAgo: 45,
		deadlineDays: 0,
		messages: [
			{ by: 1, text: 'Ik heb de vijf haltes rond het station met mijn rolstoel getest. Bij drie kom ik de bus niet in.', hoursAfter: 24 },
			{ by: 2, text: 'Laten we vragen dat elke heraanleg eerst met de raad wordt besproken. Dat is de voorwaarde.', hoursAfter: 60 },
			{ by: 3, text: 'Ik vind dat te zwak, maar ik volg de meerderheid.', hoursAfter: 80 }
		],
		draft:
			'De Stedelijke Raad voor Personen met een Handicap geeft op eigen initiatief een voorwaardelijk gunstig advies over het plan van de stad om voetpaden en bushaltes aan te passen.\n\nVoorwaarden:\n1. De stad pakt eerst de haltes en oversteekplaatsen rond het station, het ziekenhuis en de dienstencentra aan.\n2. Elke heraanleg wordt vooraf met de raad besproken en na de werken samen met ervaringsdeskundigen getest.\n3. Tijdens werken blijft er altijd een veilige doorgang van minstens 1,5 meter.',
		votes: [
			{ by: 1, verdict: 'conditional' },
			{ by: 2, verdict: 'conditional' },
			{ by: 3, verdict: 'unfavourable' }
		],
		publish: true
	}
];

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`demo councils, ${what}: ${(r as { error?: string }).error ?? 'refused'}`);
	return r as Extract<T, { ok: true }>;
}

async function staffUser(email: string): Promise<StaffUser | null> {
	const u = await findUserByEmail(email);
	return u ? { id: u.id, email: u.email, name: u.name, roles: u.roles, councilIds: u.councilIds } : null;
}

/** A demo account from demo-accounts.json, made the way seedAccounts makes it when it is missing. */
async function demoAccount(email: string): Promise<StaffUser> {
	const existing = await staffUser(email);
	if (existing) return existing;
	const a = demoAccounts.accounts.find((x) => x.email === email);
	if (!a) throw new Error(`demo councils: no demo account ${email}`);
	await createStaff({ email: a.email, name: a.name, password: a.password, roles: a.roles as Role[], councilIds: a.councilIds });
	return (await staffUser(email))!;
}

/** The council's members by number (1-based), made when missing. */
async function membersOf(councilId: string): Promise<{ users: StaffUser[]; created: number }> {
	const users: StaffUser[] = [];
	let created = 0;
	for (const [i, name] of (MEMBERS[councilId] ?? []).entries()) {
		const email = councilMemberEmail(councilId, i + 1);
		if (!(await findUserByEmail(email))) {
			await createStaff({ email, name, password: COUNCIL_MEMBER_PASSWORD, roles: ['council_member'], councilIds: [councilId] });
			created++;
		}
		users.push((await staffUser(email))!);
	}
	return { users, created };
}

/** A demo signal that fits, not used yet and still open to advice; or one made for it. */
async function signalFor(p: Planned, used: Set<number>, madeBy: number | null): Promise<number> {
	const db = getDb();
	const all = await db.select({ id: schema.signals.id, title: schema.signals.title, summary: schema.signals.summary, status: schema.signals.status, mergedInto: schema.signals.mergedInto }).from(schema.signals).orderBy(schema.signals.id);
	const open = all.filter((x) => !x.mergedInto && !used.has(x.id) && (ADVISABLE as readonly string[]).includes(x.status));
	const fit = open.find((x) => x.title === p.fallback.title) ?? open.find((x) => p.fits.test(x.title));
	if (fit) return fit.id;
	const theme = await db.select({ id: schema.themes.id }).from(schema.themes).where(eq(schema.themes.id, Number(p.fallback.themeId))).get();
	const made = await createSignal(
		{ title: p.fallback.title, summary: p.fallback.summary, type: p.fallback.type, tags: theme ? [{ kind: 'theme', refId: p.fallback.themeId }] : [] },
		madeBy
	);
	if (!made.ok) throw new Error(`demo councils, signal for ${p.councilId}: ${made.problems.join(', ')}`);
	return made.id;
}

export type CouncilSeedResult = { members: number; requests: number; published: number };

/** Seeds the councils' demo work (see the top of this file); answers what it added. */
export async function seedDemoCouncils(now = new Date()): Promise<CouncilSeedResult> {
	const db = getDb();
	const result: CouncilSeedResult = { members: 0, requests: 0, published: 0 };
	const councilIds = new Set((await db.select({ id: schema.councils.id }).from(schema.councils)).map((x) => x.id));
	if (!councilIds.size) return result;
	const owner = await demoAccount(PLAN_OWNER_EMAIL);
	const moderator = await staffUser(MODERATOR_EMAIL);

	const members = new Map<string, StaffUser[]>();
	for (const id of Object.keys(MEMBERS)) {
		if (!councilIds.has(id)) continue;
		const m = await membersOf(id);
		members.set(id, m.users);
		result.members += m.created;
		const set = await db.select().from(schema.councilSettings).where(eq(schema.councilSettings.councilId, id)).get();
		if (!set) must(await setQuorum(owner, id, DEMO_QUORUM), `quorum ${id}`);
	}
	if (councilIds.has('dialoogstad')) await demoAccount(DIALOOGSTAD_DEMO_EMAIL);

	const used = new Set((await db.select({ signalId: schema.councilRequests.signalId }).from(schema.councilRequests)).map((x) => x.signalId));
	for (const p of PLANNED) {
		const people = members.get(p.councilId);
		if (!people) continue;
		const exists = await db
			.select({ id: schema.councilRequests.id })
			.from(schema.councilRequests)
			.where(and(eq(schema.councilRequests.councilId, p.councilId), eq(schema.councilRequests.question, p.question)))
			.get();
		if (exists) continue;
		const signalId = await signalFor(p, used, moderator?.id ?? owner.id);
		used.add(signalId);
		const at = (hours: number) => new Date(+now - p.daysAgo * DAY + hours * HOUR);
		const member = (n: number) => people[n - 1];

		const { requestId } = p.ownInitiative
			? must(await raiseOwnInitiative(member(1), p.councilId, signalId, p.question, at(0)), `raise ${p.councilId}`)
			: must(await sendToCouncil(owner, signalId, p.councilId, { question: p.question, deadline: new Date(+at(0) + p.deadlineDays * DAY) }, at(0)), `send ${p.councilId}`);
		result.requests++;
		// Backdate the request and the signal's council events to when it came in.
		await db.update(schema.councilRequests).set({ requestedAt: at(0) }).where(eq(schema.councilRequests.id, requestId));

		for (const msg of p.messages) must(await postMessage(member(msg.by), requestId, msg.text, at(msg.hoursAfter)), `message ${p.councilId}`);
		must(await replaceDraft(member(p.messages.at(-1)?.by ?? 1), requestId, p.draft), `draft ${p.councilId}`);

		const lastHour = p.messages.at(-1)?.hoursAfter ?? 24;
		const opened = at(lastHour + 2);
		// A published advice voted over a week; the vote under way closes in 5 days from today.
		const closesAt = p.publish ? new Date(+opened + 7 * DAY) : new Date(+now + 5 * DAY);
		must(await openVote(member(1), requestId, closesAt, opened), `open vote ${p.councilId}`);
		for (const [i, vote] of p.votes.entries()) must(await castVote(member(vote.by), requestId, vote.verdict, new Date(+opened + (i + 1) * 6 * HOUR)), `vote ${p.councilId}`);
		if (p.publish) {
			must(await publishAdvice(member(1), requestId, new Date(+opened + (p.votes.length + 1) * 6 * HOUR)), `publish ${p.councilId}`);
			result.published++;
		}
	}
	return result;
}
