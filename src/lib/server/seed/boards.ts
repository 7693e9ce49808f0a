/**
 * Demo boards. One board of the finished dialogue table SCH-258 (school costs), as the group left it
 * that evening: about sixty sticky notes sorted into clusters, a few still to be sorted, dot votes, and
 * three clusters already taken further as signals (two new ones, and evidence for the signal the table
 * already had). And one empty 'more of / less of' board ready for a new group, with an edit link whose
 * token is fixed, so a demo can say 'open /b/demobordmeerminder2026groepnieuw'.
 *
 * The first board's document is built here as one Y.Doc and stored as one update after the board's
 * first state (the log then holds two rows, as a board where one person wrote everything would).
 * The signals go through the boards' 'make signal' action, as a facilitator's click would. Only the
 * clock is set back afterwards, to the evening of the table and the days after.
 * Idempotent: each board is looked up first (the first by its table and title, the second by its
 * link's token) and left alone when it is there.
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { getDb, schema } from '../db';
import { findUserByEmail, hashToken, type StaffUser } from '../auth';
import { createBoard } from '../boards';
import { append, rowsSince } from '../boards/log';
import { signalFromNotes } from '../boards/signals';
import { addFrame, addNote, NOTE_H, NOTE_W, notesOf, vote, type NoteColor } from '$lib/boards/doc.js';
import { frameTitle } from '$lib/boards/labels';
import { FINISHED_TABLE_CODE } from './tables';

/** Title of the finished table's board (it is found again by its table and this title). */
export const DEMO_TABLE_BOARD_TITLE = 'Schoolkosten — samen naar antwoorden';
/** Title of the empty board for a new group. */
export const DEMO_GROUP_BOARD_TITLE = 'Nieuwe groep — meer van / minder van';
/** The token of the new group's edit link: the board opens at /b/<token>. Demo only. */
export const DEMO_BOARD_TOKEN = 'demobordmeerminder2026groepnieuw';
/** Where the demo's boards are listed for staff. */
export const DEMO_BOARDS_PATH = '/staff/boards';
/** The new group's board, for people without an account. */
export const DEMO_BOARD_LINK_PATH = `/b/${DEMO_BOARD_TOKEN}`;

const FACILITATOR_EMAIL = 'begeleider@meespraak.demo';
const DAY = 86_400_000;
const LINK_DAYS = 365;

// ---------------------------------------------------------------- what the group wrote

/** A sticky note: who wrote it (a first name, or null: most stay anonymous), and a key for the dots. */
type Sticky = { text: string; author?: string; color?: NoteColor; key?: string };
type Cluster = { title: string; color: string; tags: string[]; notes: Sticky[]; key?: 'trips' | 'digital' | 'choice' };

const CLUSTERS: Cluster[] = [
	{
		title: 'Schoolboeken en materiaal',
		color: 'yellow',
		tags: ['theme:1', 'goal:1.2', 'action:1.2.1'],
		notes: [
			{ text: 'Boekenlijst van 280 euro voor het eerste middelbaar.', author: 'Nadia', key: 'boekenlijst' },
			{ text: 'Rekenmachine van 120 euro verplicht, terwijl een gewone ook werkt.' },
			{ text: 'Werkboeken kan je niet doorgeven. Elk jaar opnieuw kopen, voor elk kind.', key: 'werkboeken' },
			{ text: 'Turnkledij met het logo van de school: 35 euro.' },
			{ text: 'Tweedehandsbeurs voor boeken in juni, georganiseerd door de ouderraad.', author: 'Els', key: 'beurs' },
			{ text: 'In het beroeps betaal je honderden euro voor messen, schort en veiligheidsschoenen.' },
			{ text: 'De lijst met schoolgerief komt pas eind augustus. Te laat om te sparen.' },
			{ text: 'Les fournitures scolaires coûtent trop cher quand on a trois enfants.' },
			{ text: 'Een uitleenkast in de klas met passers, geodriehoeken en rekenmachines.', key: 'uitleenkast' },
			{ text: 'Kopiegeld: waarvoor betalen we eigenlijk?' }
		]
	},
	{
		title: 'Uitstappen en schoolreizen',
		color: 'blue',
		tags: ['theme:1', 'goal:1.4', 'attention_point:tegen-kinderarmoede'],
		key: 'trips',
		notes: [
			{ text: 'Geen geld meer in een envelop meegeven: de hele klas ziet wie te laat betaalt.', key: 'envelop' },
			{ text: 'Reis naar Londen: 450 euro. Mijn zoon bleef thuis en zat die week in een andere klas.' },
			{ text: 'Zet de kosten van alle uitstappen vooraf in de schoolbrochure, dan kan je sparen.', author: 'Jan', key: 'brochure' },
			{ text: 'Mijn dochter zei dat ze ziek was op de dag van de uitstap.' },
			{ text: 'Afbetalen in kleine stukjes per maand, vanaf september.', key: 'schijven' },
			{ text: 'Een solidariteitspot voor uitstappen, stil geregeld door de directie.', author: 'Sofie', key: 'solidariteit' },
			{ text: 'Skireis is geen les. Waarom moet dat?' },
			{ text: "Trips abroad are great, but not when half the class can't go." },
			{ text: 'Zeeklassen zijn een mooie herinnering. Geen kind mag thuisblijven omdat er geen geld is.', key: 'zeeklassen' }
		]
	},
	{
		title: 'Maaltijden en drank',
		color: 'green',
		tags: [],
		notes: [
			{ text: 'Warme maaltijd 4,50 euro per dag. Met drie kinderen bijna 70 euro per week.' },
			{ text: 'Gratis kraantjeswater op elke school, geen flesjes verplicht kopen.', key: 'water' },
			{ text: 'Middagtoezicht kost 1 euro per dag, ook met je eigen boterhammen.' },
			{ text: 'Als leerkracht zie je meteen welke kinderen zonder ontbijt komen.', author: 'Tom' },
			{ text: 'Gratis fruit op woensdag' },
			{ text: 'Repas chaud trop cher: mes enfants mangent des tartines.' },
			{ text: 'Soep op de middag voor iedereen, dan valt niemand op.', key: 'soep' }
		]
	},
	{
		title: 'Digitale toestellen',
		color: 'grey',
		tags: ['theme:6', 'goal:6.4'],
		key: 'digital',
		notes: [
			{ text: 'Laptop verplicht vanaf het derde middelbaar: 600 euro, of 15 euro per maand huren via school.', key: 'laptop' },
			{ text: 'Eén laptop thuis voor vier kinderen. Wie mag eerst zijn taken maken?', author: 'Karim', key: 'eenlaptop' },
			{ text: 'Geen internet thuis. Taken op Smartschool maken in de bib, tot die sluit.', key: 'internet' },
			{ text: 'Laptop gehuurd bij school, maar bij schade moet je alles zelf betalen.' },
			{ text: 'Er bestaan tweedehands laptops via een vzw, maar geen enkele ouder kent dat.' },
			{ text: 'Voor taken heb je thuis een printer en inkt nodig. Kan de school dat niet printen?' },
			{ text: 'Wifi van de bib ook voor leerlingen na de schooluren.' },
			{ text: 'My son does his homework on my phone.' }
		]
	},
	{
		title: 'Communicatie met ouders',
		color: 'yellow',
		tags: ['theme:7', 'goal:7.1'],
		notes: [
			{ text: 'Brieven vol moeilijke woorden. Pas achteraf begrijp ik dat ik iets moest betalen.', key: 'brieven' },
			{ text: 'Smartschool alleen in het Nederlands. Mijn zoon vertaalt alles voor mij.', author: 'Youssef' },
			{ text: 'Oudercontact om 16 uur: dan werk ik.' },
			{ text: 'Eén vaste persoon op school die je discreet kan bellen over geld.', author: 'Nadia', key: 'contactpersoon' },
			{ text: 'Een tolk of vertaalapp bij het oudercontact.' },
			{ text: 'Zeg in september al wat het hele jaar kost, niet rekening per rekening.', key: 'jaarkost' },
			{ text: 'Korte berichtjes in eenvoudige taal werken beter dan lange brieven.' },
			{ text: 'Een afbetalingsplan moet je zelf vragen. Veel ouders durven dat niet.', key: 'durven' }
		]
	},
	{
		title: 'Studiekeuze in het secundair',
		color: 'blue',
		tags: ['theme:1', 'goal:1.4', 'action:1.4.4'],
		key: 'choice',
		notes: [
			{ text: 'A-stroom, B-stroom, finaliteiten … Niemand legt het neutraal uit.', key: 'neutraal' },
			{ text: 'Elke school maakt reclame voor zichzelf op de opendeurdag.' },
			{ text: 'Een infoavond van het CLB in het buurtcentrum, niet in een school.', author: 'Jan', key: 'clb' },
			{ text: 'Mijn dochter moest naar het beroeps omdat haar Nederlands nog niet goed genoeg was.' },
			{ text: 'Infoavond met tolken: Arabisch, Frans, Engels, Turks.' },
			{ text: 'Toon ook wat elke richting kost: kapper of bakker vraagt veel meer materiaal.' },
			{ text: 'Les parents ne connaissent pas le système scolaire flamand.' }
		]
	},
	{
		title: 'Wat scholen al goed doen',
		color: 'green',
		tags: [],
		notes: [
			{ text: 'Onze school spreekt een maximumbedrag per jaar af, ook in het middelbaar.', key: 'maximum' },
			{ text: 'Gratis laptops lenen op school voor wie een studietoelage heeft.' },
			{ text: 'De directeur belde zelf om een afbetaling voor te stellen. Dat deed deugd.', author: 'Sofie' },
			{ text: 'Huiswerkklas na school, met wifi en een printer.', key: 'huiswerkklas' },
			{ text: 'Gratis soep op maandag en donderdag.' },
			{ text: 'Leerkrachten die vragen hoe het thuis gaat, zonder te oordelen.' },
			{ text: 'Brede school: sport en muziek na de les voor 1 euro.' }
		]
	}
];

/** Written late in the evening and not sorted yet. */
const LOOSE: Sticky[] = [
	{ text: 'Een busabonnement naar een school in een andere deelgemeente is duur.' },
	{ text: 'Studietoelage aanvragen is te ingewikkeld.', key: 'toelage' },
	{ text: 'Een sportkamp in de vakantie kost 150 euro per week.' },
	{ text: 'Waarom is het basisonderwijs beter geregeld dan het secundair?', author: 'Els' },
	{ text: 'Fietsen voor wie ver van school woont' }
];

/** Five dots each at most (the board's budget), by voter: 45 dots from 10 people (most on the envelope, the contact person and the laptop). */
const DOTS: string[][] = [
	['envelop', 'envelop', 'contactpersoon', 'laptop', 'maximum'],
	['envelop', 'brochure', 'contactpersoon', 'clb'],
	['laptop', 'laptop', 'internet', 'envelop', 'boekenlijst'],
	['contactpersoon', 'contactpersoon', 'brieven', 'neutraal'],
	['envelop', 'schijven', 'beurs', 'toelage', 'water'],
	['clb', 'clb', 'neutraal', 'laptop'],
	['brochure', 'envelop', 'contactpersoon', 'eenlaptop', 'soep'],
	['maximum', 'maximum', 'werkboeken', 'jaarkost'],
	['laptop', 'internet', 'envelop', 'solidariteit', 'huiswerkklas'],
	['contactpersoon', 'durven', 'uitleenkast', 'zeeklassen']
];

const COLOR_CYCLE: NoteColor[] = ['yellow', 'pink', 'green', 'blue', 'orange', 'yellow', 'purple', 'pink', 'blue', 'green', 'orange'];

// ---------------------------------------------------------------- layout

const GAP = 20;
const HEADER = 56;
const COLUMNS_PER_FRAME = 3;
const FRAME_W = GAP + COLUMNS_PER_FRAME * (NOTE_W + GAP);
const FRAME_GAP = 80;
const FRAMES_PER_ROW = 4;
const rowsOf = (notes: number) => Math.ceil(notes / COLUMNS_PER_FRAME);
const frameHeight = (rows: number) => HEADER + rows * (NOTE_H + GAP) + GAP;

/**
 * Frames in a grid of four columns, each row as high as its fullest frame; the notes in a grid inside
 * their frame; the loose notes, a little askew, in the free space after the last frame.
 */
function layout() {
	const frames: { x: number; y: number; w: number; h: number }[] = [];
	let y = 0;
	for (let start = 0; start < CLUSTERS.length; start += FRAMES_PER_ROW) {
		const row = CLUSTERS.slice(start, start + FRAMES_PER_ROW);
		const h = frameHeight(Math.max(...row.map((c) => rowsOf(c.notes.length))));
		row.forEach((_, i) => frames.push({ x: i * (FRAME_W + FRAME_GAP), y, w: FRAME_W, h }));
		y += h + FRAME_GAP;
	}
	const last = frames.at(-1)!;
	const looseX = last.x + last.w + FRAME_GAP;
	const loose = LOOSE.map((_, i) => ({ x: looseX + (i % 2) * (NOTE_W + 40) + (i % 3) * 12, y: last.y + 30 + Math.floor(i / 2) * (NOTE_H + 36) + (i % 2) * 24 }));
	return { frames, loose };
}

// ---------------------------------------------------------------- seeding

async function staffUser(email: string): Promise<StaffUser | null> {
	const row = await findUserByEmail(email);
	return row ? { id: row.id, email: row.email, name: row.name, roles: row.roles, councilIds: row.councilIds } : null;
}

async function finishedTable() {
	return getDb().query.dialogueTables.findFirst({ where: (x, { eq }) => eq(x.code, FINISHED_TABLE_CODE) });
}

async function findTableBoard(tableId: number): Promise<number | null> {
	const row = await getDb()
		.select({ id: schema.boards.id })
		.from(schema.boards)
		.where(and(eq(schema.boards.tableId, tableId), eq(schema.boards.title, DEMO_TABLE_BOARD_TITLE)))
		.orderBy(schema.boards.id)
		.get();
	return row?.id ?? null;
}

async function findGroupBoard(): Promise<number | null> {
	const l = schema.boardLinks;
	const row = await getDb().select({ boardId: l.boardId }).from(l).where(eq(l.tokenHash, hashToken(DEMO_BOARD_TOKEN))).get();
	return row?.boardId ?? null;
}

/** The ids of the demo boards in this database (null: not seeded). */
export async function demoBoardIds(): Promise<{ table: number | null; group: number | null }> {
	const table = await finishedTable();
	return { table: table ? await findTableBoard(table.id) : null, group: await findGroupBoard() };
}

/** The signal the finished table already has: the one backed by its contributions. */
async function tableSignal(tableId: number): Promise<number | null> {
	const e = schema.signalEvidence;
	const c = schema.tableContributions;
	const row = await getDb()
		.select({ id: e.signalId })
		.from(e)
		.innerJoin(c, eq(c.id, e.sourceId))
		.where(and(eq(e.sourceType, 'table_contribution'), eq(c.tableId, tableId)))
		.orderBy(e.signalId)
		.get();
	return row?.id ?? null;
}

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
	if (!r.ok) throw new Error(`demo board, ${what}: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

/** The finished table's board, with its notes, clusters, dots and signals. False when it was there. */
async function seedTableBoard(fien: StaffUser): Promise<boolean> {
	const table = await finishedTable();
	if (!table || (await findTableBoard(table.id))) return false;
	const db = getDb();
	const phases = await db.select().from(schema.tablePhases).where(eq(schema.tablePhases.tableId, table.id)).orderBy(schema.tablePhases.position);
	const phase = phases.find((p) => p.title === 'Samen naar antwoorden') ?? phases[2] ?? null;
	const { boardId } = must(
		await createBoard(fien, { title: DEMO_TABLE_BOARD_TITLE, template: 'empty', locale: 'nl', tableId: table.id, phaseId: phase?.id ?? null }, frameTitle),
		'create'
	);

	// The evening of the table: notes from the first round to the end of 'Samen naar antwoorden'.
	const meeting = (table.scheduledAt ?? new Date(Date.now() - 16 * DAY)).getTime();
	const at = (minutes: number) => meeting + minutes * 60_000;

	const doc = new Y.Doc();
	for (const r of await rowsSince(boardId)) Y.applyUpdate(doc, r.data);
	const before = Y.encodeStateVector(doc);
	const { frames, loose } = layout();
	const keyed = new Map<string, string>();
	const frameIds = new Map<Cluster['key'], string>();
	let n = 0;
	doc.transact(() => {
		const put = (s: Sticky, x: number, y: number, frame: string | null) => {
			const id = addNote(doc, { text: s.text, author: s.author ?? null, color: s.color ?? COLOR_CYCLE[(n * 7) % COLOR_CYCLE.length], x, y, frame });
			notesOf(doc).get(id)!.set('at', at(24 + Math.round((n * 56) / 61)));
			if (s.key) keyed.set(s.key, id);
			n++;
			return id;
		};
		CLUSTERS.forEach((c, i) => {
			const f = frames[i];
			const frameId = addFrame(doc, { title: c.title, x: f.x, y: f.y, w: f.w, h: f.h, color: c.color, tags: c.tags });
			if (c.key) frameIds.set(c.key, frameId);
			c.notes.forEach((s, j) =>
				put(s, f.x + GAP + (j % COLUMNS_PER_FRAME) * (NOTE_W + GAP), f.y + HEADER + Math.floor(j / COLUMNS_PER_FRAME) * (NOTE_H + GAP), frameId)
			);
		});
		LOOSE.forEach((s, i) => put(s, loose[i].x, loose[i].y, null));
		DOTS.forEach((keys, i) => {
			const voter = `demovoter${String(i + 1).padStart(2, '0')}`;
			for (const key of keys) if (!vote(doc, keyed.get(key)!, voter, 1)) throw new Error(`demo board: dot ${key} of ${voter} refused`);
		});
	});
	await append(boardId, Y.encodeStateAsUpdate(doc, before));
	doc.destroy();
	await db.update(schema.boards).set({ createdAt: new Date(at(20)) }).where(eq(schema.boards.id, boardId));

	// Taken further in the days after: two clusters as new signals, one as evidence for the table's signal.
	const made: number[] = [];
	const trips = must(
		await signalFromNotes(fien, boardId, {
			frameId: frameIds.get('trips')!,
			title: 'Uitstappen en schoolreizen betalen zonder dat de klas het ziet',
			summary:
				'Kinderen blijven thuis van uitstappen en meerdaagse reizen omdat het geld er niet is, en de klas ziet wie niet of te laat betaalt. Voorstel van de dialoogtafel over schoolkosten: alle kosten vooraf in de schoolbrochure, betalen in schijven vanaf september, een solidariteitspot die de directie stil regelt, en geen geld meer in een envelop.',
			type: 'proposal',
			tags: [
				{ kind: 'theme', refId: '1' },
				{ kind: 'goal', refId: '1.4' },
				{ kind: 'attention_point', refId: 'tegen-kinderarmoede' }
			]
		}),
		'signal from trips'
	);
	made.push(trips.signalId);
	const digital = must(
		await signalFromNotes(fien, boardId, {
			frameId: frameIds.get('digital')!,
			title: 'Een laptop en internet voor schoolwerk in elk gezin',
			summary:
				'Vanaf het derde middelbaar is een laptop verplicht, maar veel gezinnen hebben er één voor alle kinderen, of geen internet thuis. Huren via school is duur en schade betaal je zelf; tweedehands laptops via een vzw kent bijna niemand.',
			type: 'need',
			tags: [
				{ kind: 'theme', refId: '6' },
				{ kind: 'goal', refId: '6.4' }
			]
		}),
		'signal from digital'
	);
	made.push(digital.signalId);
	const existing = await tableSignal(table.id);
	const evidenceOf: number[] = [];
	if (existing) {
		must(await signalFromNotes(fien, boardId, { frameId: frameIds.get('choice')!, signalId: existing }), 'evidence for the table signal');
		evidenceOf.push(existing);
	}

	// The clock: the new signals four days after the evening, the extra evidence the day after that.
	const madeAt = new Date(meeting + 4 * DAY + 3 * 3_600_000);
	const addedAt = new Date(meeting + 5 * DAY + 1 * 3_600_000);
	const e = schema.signalEvidence;
	const bn = schema.boardNotes;
	await db.update(bn).set({ recordedAt: madeAt }).where(eq(bn.boardId, boardId));
	await db.update(schema.signals).set({ createdAt: madeAt, updatedAt: madeAt }).where(inArray(schema.signals.id, made));
	await db.update(e).set({ addedAt: madeAt }).where(inArray(e.signalId, made));
	if (evidenceOf.length) {
		const boardNoteIds = (await db.select({ id: bn.id }).from(bn).where(eq(bn.boardId, boardId))).map((r) => r.id);
		const added = and(inArray(e.signalId, evidenceOf), eq(e.sourceType, 'board_note'), inArray(e.sourceId, boardNoteIds));
		const addedIds = (await db.select({ id: e.sourceId }).from(e).where(added)).map((r) => r.id);
		await db.update(e).set({ addedAt }).where(added);
		await db.update(bn).set({ recordedAt: addedAt }).where(inArray(bn.id, addedIds));
		await db.update(schema.signals).set({ updatedAt: addedAt }).where(inArray(schema.signals.id, evidenceOf));
	}
	return true;
}

/** The empty 'more of / less of' board and its fixed edit link. False when it was there. */
async function seedGroupBoard(fien: StaffUser): Promise<boolean> {
	if (await findGroupBoard()) return false;
	const { boardId } = must(await createBoard(fien, { title: DEMO_GROUP_BOARD_TITLE, template: 'more_less', locale: 'nl' }, frameTitle), 'create');
	const now = Date.now();
	await getDb()
		.insert(schema.boardLinks)
		.values({
			boardId,
			tokenHash: hashToken(DEMO_BOARD_TOKEN),
			level: 'edit',
			label: 'Demo',
			expiresAt: new Date(now + LINK_DAYS * DAY),
			createdBy: fien.id,
			createdAt: new Date(now)
		});
	return true;
}

/** Seeds both demo boards (each only when it is not there yet). True when anything was added. */
export async function seedDemoBoards(): Promise<boolean> {
	const fien = await staffUser(FACILITATOR_EMAIL);
	if (!fien) return false;
	const table = await seedTableBoard(fien);
	const group = await seedGroupBoard(fien);
	return table || group;
}
