/**
 * The local addendum (lokaal addendum) of a persona workshop: what a region hands to those who write
 * project proposals, as the DAW+ addendum did. Its sections follow the method: the personas ranked by how
 * often they occur, the regional challenges, the enrichment session with external partners, the arena
 * analysis with the core partners, other local input, and the timeline of the call.
 *
 * `addendum()` gathers it as plain data, every label already in the reader's language, so that the page
 * on screen and the document (`addendumDoc` → toMarkdown / toPdf) say the same thing in the same order.
 * What the workshop wrote (challenges, personas, timeline steps, other input) stays as it was written, in
 * the workshop's language. Partners appear as organisations only; no contact person or participant is
 * ever named.
 */
import type { StaffUser } from '../auth';
import type { Block, Doc } from '../documents/model';
import { tagOptions } from '../signals/tags';
import { isLocale, LOCALE_NAMES, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { listBundles, personasByIds, type Persona } from './index';
import { ARENA_DOTS, arenaPartners, arenaTable, workshopResponses } from './partners';
import { getWorkshop, type Result } from './workshops';

/** The sections in the order of the method (persona-workshop-daw.json, `method`). */
export const ADDENDUM_SECTIONS = ['personas', 'challenges', 'enrichment', 'arena', 'other', 'timeline'] as const;
export type AddendumSectionId = (typeof ADDENDUM_SECTIONS)[number];
/** The big sections start on a fresh page, on paper and in the PDF. */
const FRESH_PAGE: ReadonlySet<AddendumSectionId> = new Set(['challenges', 'enrichment', 'arena']);

/** `intro` says what the section holds ('' when it holds nothing yet, so it says only that); an empty section never takes a fresh page. */
export type AddendumSection = { id: AddendumSectionId; title: string; intro: string; empty: boolean; freshPage: boolean; /** What an empty section says instead: 'Nog geen …'. */ none: string };

export type AddendumPersona = {
	id: number;
	name: string;
	avatar: string;
	/** Age, languages, target groups: 'Leeftijd: 30 tot 49 jaar · Talen: …' ('' when none is known). */
	facts: string;
	/** Drive first, then the strengths: the persona is written from strengths. */
	driveAndStrengths: string[];
	/** Background, household and situation as one paragraph ('' when empty). */
	background: string;
	needs: string[];
	barriers: string[];
	/** With quotation marks of the workshop's language ('' when there is none). */
	quote: string;
};

export type AddendumChallenge = {
	id: number;
	position: number;
	targetGroup: string;
	/** '1. anderstaligen met een migratieachtergrond': its heading, and how the other sections name it. */
	label: string;
	/** Who it is for: 'Persona's: Nassim', or the bundle with its personas when the bundle has its own name. */
	forWhom: string;
	personas: string[];
	/** The intro and the barriers, as one text. */
	sentence: string;
	/** The 'Hoe kunnen we …' questions. */
	questions: string[];
	votes: number | null;
	/** 'Stemmen in de workshop: 10', or null without a vote. */
	votesLine: string | null;
};

export type AddendumResponse = { organisation: string; challengeId: number; challenge: string; verdict: string; verdictLabel: string; date: Date; dateText: string };
export type AddendumAddition = { id: number; text: string; organisation: string | null; challengeId: number | null; line: string };

export type Addendum = {
	/** The reader's language: every label. */
	locale: Locale;
	/** The workshop's language: what the workshop wrote. */
	contentLang: string;
	title: string;
	/** The workshop's own title. */
	subtitle: string;
	/** For downloads, without extension: 'lokaal-addendum-daw-plus'. */
	fileName: string;
	workshop: { id: number; code: string; status: string; scheduledAt: Date | null; place: string | null };
	region: { id: string; name: string; municipalities: string[] };
	madeOn: Date;
	/** Under the title: region and municipalities, workshop date and place, made on (and the content's language when it differs). */
	facts: { label: string; value: string }[];
	/** Set while the workshop has not ended. */
	draft: { title: string; text: string } | null;
	sections: AddendumSection[];
	labels: {
		fictionalTitle: string;
		fictionalText: string;
		ranking: string;
		driveAndStrengths: string;
		background: string;
		needs: string;
		barriers: string;
		partners: string;
		verdicts: string;
		additions: string;
		additionsIntro: string;
		organisation: string;
		challenge: string;
		verdict: string;
		date: string;
		need: string;
		service: string;
		dots: string;
		rank: string;
		step: string;
		none: Record<'personas' | 'challenges' | 'responses' | 'additions' | 'arena' | 'other' | 'timeline', string>;
	};
	/** The region's persona bundles by how often they occur: 'anderstaligen …: Nassim'. */
	ranking: string[];
	personas: AddendumPersona[];
	challenges: AddendumChallenge[];
	enrichment: {
		/** 'Lokaal dienstencentrum Asse (30 mei 2023)', in the order they responded. */
		partners: string[];
		/** Per challenge (in its order), then by date. */
		responses: AddendumResponse[];
		additions: {
			/** How many were merged, for one challenge or for all. */
			count: number;
			forAll: { heading: string; items: AddendumAddition[] };
			perChallenge: { challengeId: number; heading: string; items: AddendumAddition[] }[];
		};
	};
	arena: {
		/** Ranked by dots (ties share a rank). */
		rows: { rank: number; need: string; service: string; dots: number }[];
		/** 'Kernpartners die stippen gaven: 4' (null before any). */
		partnersLine: string | null;
	};
	/** Other local input, one paragraph per item. */
	otherInput: string[];
	timeline: { step: string; date: string; dateText: string }[];
};

export type AddendumError = 'forbidden' | 'workshop_not_found' | string;

// ---------------------------------------------------------------- formatting

const ZONE = () => process.env.CITY_TIME_ZONE || 'Europe/Brussels';

function dayText(d: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: ZONE() }).format(d);
}

/**
 * A timeline date as the facilitator wrote it (2023-09-01, 2023-09-01T23:59 or 2023-09-11/2023-09-15)
 * in words: '1 september 2023', '1 september 2023 om 23:59', '11–15 september 2023'. The date is the
 * date written, whatever the time zone.
 */
export function timelineDateText(value: string, locale: Locale): string {
	const v = value.trim();
	if (!v) return m.addendum_date_tbd({}, { locale });
	const one = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
	const parts = v.split('/').map((p) => p.match(one));
	if (parts.length > 2 || parts.some((p) => !p)) return v;
	const dates = parts.map((p) => new Date(Date.UTC(+p![1], +p![2] - 1, +p![3], +(p![4] ?? 0), +(p![5] ?? 0))));
	if (dates.some((d) => isNaN(+d))) return v;
	const withTime = parts.some((p) => p![4] !== undefined);
	const f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'UTC' });
	if (dates.length === 1) return f.format(dates[0]);
	return withTime ? `${f.format(dates[0])} – ${f.format(dates[1])}` : f.formatRange(dates[0], dates[1]);
}

/** 'nl' in English: 'Dutch'. */
function languageName(lang: string, locale: Locale): string {
	try {
		return upperFirst(new Intl.DisplayNames([locale], { type: 'language' }).of(lang) ?? lang);
	} catch {
		return isLocale(lang) ? LOCALE_NAMES[lang] : lang;
	}
}

/** Between items of a list in a sentence: the Arabic comma in Arabic. */
const comma = (locale: string) => (locale === 'ar' ? '، ' : ', ');

const upperFirst = (s: string) => s.replace(/\p{L}/u, (c) => c.toLocaleUpperCase());

/** A sentence ends in a full stop (or its own mark). */
const sentence = (s: string) => (/[.!?…؟]["'»”’]?$/u.test(s) ? s : `${s}.`);

/** Quotation marks of the language the quote is in. */
function quoted(text: string, lang: string): string {
	if (lang === 'fr') return `«\u00a0${text}\u00a0»`;
	if (lang === 'ar') return `«${text}»`;
	return `“${text}”`;
}

function ageText(band: string | null, locale: Locale): string {
	if (!band) return '';
	if (band === 'under-18') return m.addendum_age_under_18({}, { locale });
	if (band === '80-plus') return m.addendum_age_80_plus({}, { locale });
	const [from, to] = band.split('-');
	return from && to ? m.addendum_age_range({ from, to }, { locale }) : band;
}

const VERDICTS: Record<string, (o: { locale: Locale }) => string> = {
	confirm: (o) => m.workshop_verdict_confirm({}, o),
	confirm_with_additions: (o) => m.workshop_verdict_confirm_with_additions({}, o),
	propose_changes: (o) => m.workshop_verdict_propose_changes({}, o)
};

/** A partner's verdict on a challenge, named as the workshop page names it. */
export const addendumVerdictLabel = (verdict: string, locale: Locale): string => upperFirst(VERDICTS[verdict]?.({ locale }) ?? verdict);

/** 'daw-plus' → 'lokaal-addendum-daw-plus'. */
function fileNameOf(regionId: string): string {
	const slug = regionId
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, ''); // one dash at most: runs were collapsed just above
	return `lokaal-addendum${slug ? `-${slug}` : ''}`;
}

// ---------------------------------------------------------------- gathering

/**
 * Everything the local addendum of a workshop holds, labelled in `locale`. For staff who may read the
 * personas (facilitators, moderators, plan owners). `now` is the 'made on' date.
 */
export async function addendum(user: StaffUser | null, workshopId: unknown, locale: string, now = new Date()): Promise<Result<{ addendum: Addendum }>> {
	const got = await getWorkshop(user, workshopId);
	if (!got.ok) return got;
	const w = got.workshop;
	const l: Locale = isLocale(locale) ? locale : 'nl';
	const o = { locale: l };
	const contentLang = w.table.locale;

	const [responses, arena, arenaCount, bundles, options] = await Promise.all([
		workshopResponses(w.id),
		arenaTable(w.id),
		arenaPartners(w.id),
		listBundles(w.regionId),
		tagOptions(l)
	]);

	// The personas: the workshop's own and those its challenges are for, by their bundles' rank.
	const wanted = [...new Set([...w.personaIds, ...w.challenges.flatMap((c) => c.bundle.personaIds)])];
	const people = await personasByIds(wanted);
	const firstRank = (id: number) => bundles.find((b) => b.personaIds.includes(id))?.rank ?? Number.MAX_SAFE_INTEGER;
	people.sort((a, b) => firstRank(a.id) - firstRank(b.id) || a.name.localeCompare(b.name, contentLang) || a.id - b.id);
	const nameOf = new Map(people.map((p) => [p.id, p.name]));
	const groupLabel = new Map(options.target_group.map((t) => [t.id, t.label]));
	// Lists of labels are joined as the page writes them; lists of what the workshop wrote, as it does.
	const sep = comma(l);
	const own = comma(contentLang);

	const persona = (p: Persona): AddendumPersona => {
		const facts = [
			p.ageBand ? `${m.addendum_age({}, o)}: ${ageText(p.ageBand, l)}` : '',
			p.languages.length ? `${m.addendum_languages({}, o)}: ${p.languages.join(own)}` : '',
			p.targetGroupIds.length ? `${m.addendum_target_groups({}, o)}: ${p.targetGroupIds.map((id) => groupLabel.get(id) ?? id).join(sep)}` : ''
		].filter(Boolean);
		return {
			id: p.id,
			name: p.name,
			avatar: p.avatar,
			facts: facts.join(' · '),
			driveAndStrengths: [p.drive.trim(), ...p.strengths].filter(Boolean),
			background: [p.background, p.household, p.situation]
				.map((s) => s.trim())
				.filter(Boolean)
				.map(sentence)
				.join(' '),
			needs: p.needs.filter(Boolean),
			barriers: p.barriers.filter(Boolean),
			quote: p.quote.trim() ? quoted(p.quote.trim(), contentLang) : ''
		};
	};

	const challenges: AddendumChallenge[] = w.challenges.map((c) => {
		const personas = c.bundle.personaIds.flatMap((id) => (nameOf.has(id) ? [nameOf.get(id)!] : []));
		const names = personas.join(own);
		const sameName = c.bundle.title.trim().toLocaleLowerCase() === c.targetGroup.trim().toLocaleLowerCase();
		return {
			id: c.id,
			position: c.position,
			targetGroup: c.targetGroup,
			label: `${c.position}. ${c.targetGroup}`,
			forWhom: sameName || !names ? m.addendum_challenge_personas({ personas: names || c.bundle.title }, o) : m.addendum_challenge_bundle({ bundle: c.bundle.title, personas: names }, o),
			personas,
			sentence: [c.composed.intro, c.composed.barriers].filter(Boolean).join(' '),
			questions: c.composed.questions,
			votes: c.votes,
			votesLine: c.votes === null ? null : m.addendum_challenge_votes({ count: String(c.votes) }, o)
		};
	});
	const challengeById = new Map(challenges.map((c) => [c.id, c]));

	// Enrichment: who responded (first response first), their verdicts per challenge, what was merged.
	const partners: string[] = [];
	const seen = new Set<string>();
	for (const r of responses) {
		if (seen.has(r.organisation)) continue;
		seen.add(r.organisation);
		partners.push(m.addendum_partner_item({ organisation: r.organisation, date: dayText(r.createdAt, l) }, o));
	}
	const verdicts: AddendumResponse[] = responses
		.filter((r) => challengeById.has(r.challengeId))
		.sort((a, b) => challengeById.get(a.challengeId)!.position - challengeById.get(b.challengeId)!.position || +a.createdAt - +b.createdAt)
		.map((r) => ({
			organisation: r.organisation,
			challengeId: r.challengeId,
			challenge: challengeById.get(r.challengeId)!.label,
			verdict: r.verdict,
			verdictLabel: addendumVerdictLabel(r.verdict, l),
			date: r.createdAt,
			dateText: dayText(r.createdAt, l)
		}));
	const additions: AddendumAddition[] = w.additions.map((a) => ({
		id: a.id,
		text: a.text,
		organisation: a.organisation,
		challengeId: a.challengeId,
		line: a.organisation ? m.addendum_addition_from({ text: a.text, organisation: a.organisation }, o) : a.text
	}));

	const when = w.table.scheduledAt ? dayText(w.table.scheduledAt, l) : '';
	const facts = [
		{ label: m.addendum_fact_region({}, o), value: w.region.municipalities.length ? m.addendum_fact_region_value({ region: w.region.name, municipalities: w.region.municipalities.join(sep) }, o) : w.region.name },
		{ label: m.addendum_fact_workshop({}, o), value: [when, w.table.place?.trim()].filter(Boolean).join(sep) || m.addendum_fact_not_planned({}, o) },
		{ label: m.addendum_fact_made_on({}, o), value: dayText(now, l) },
		...(contentLang !== l ? [{ label: m.addendum_fact_language({}, o), value: languageName(contentLang, l) }] : [])
	];

	const title: Record<AddendumSectionId, string> = {
		personas: m.addendum_section_personas({}, o),
		challenges: m.addendum_section_challenges({}, o),
		enrichment: m.addendum_section_enrichment({}, o),
		arena: m.addendum_section_arena({}, o),
		other: m.addendum_section_other({}, o),
		timeline: m.addendum_section_timeline({}, o)
	};
	const intro: Record<AddendumSectionId, string> = {
		personas: m.addendum_section_personas_intro({}, o),
		challenges: m.addendum_section_challenges_intro({}, o),
		enrichment: m.addendum_section_enrichment_intro({}, o),
		arena: m.addendum_section_arena_intro({ dots: String(ARENA_DOTS) }, o),
		other: m.addendum_section_other_intro({}, o),
		timeline: m.addendum_section_timeline_intro({}, o)
	};

	const responded = verdicts.length > 0 || additions.length > 0;
	const none = {
		personas: m.addendum_none_personas({}, o),
		challenges: m.addendum_none_challenges({}, o),
		responses: m.addendum_none_responses({}, o),
		additions: m.addendum_none_additions({}, o),
		arena: m.addendum_none_arena({}, o),
		other: m.addendum_none_other({}, o),
		timeline: m.addendum_none_timeline({}, o)
	};
	const noneOf: Record<AddendumSectionId, string> = { ...none, enrichment: none.responses };
	const empty: Record<AddendumSectionId, boolean> = {
		personas: people.length === 0 && bundles.length === 0,
		challenges: challenges.length === 0,
		enrichment: !responded,
		arena: arena.length === 0,
		other: !w.otherInput.trim(),
		timeline: w.timeline.length === 0
	};

	return {
		ok: true,
		addendum: {
			locale: l,
			contentLang,
			title: m.addendum_title({ region: w.region.name }, o),
			subtitle: w.table.title,
			fileName: fileNameOf(w.region.id),
			workshop: { id: w.id, code: w.table.code, status: w.table.status, scheduledAt: w.table.scheduledAt, place: w.table.place },
			region: w.region,
			madeOn: now,
			facts,
			draft: w.table.status === 'ended' ? null : { title: m.addendum_draft_title({}, o), text: m.addendum_draft_text({}, o) },
			sections: ADDENDUM_SECTIONS.map((id) => ({ id, title: title[id], intro: empty[id] ? '' : intro[id], empty: empty[id], none: noneOf[id], freshPage: FRESH_PAGE.has(id) && !empty[id] })),
			labels: {
				fictionalTitle: m.addendum_fictional_title({}, o),
				fictionalText: m.addendum_fictional_text({}, o),
				ranking: m.addendum_ranking({}, o),
				driveAndStrengths: m.addendum_drive_strengths({}, o),
				background: m.addendum_background({}, o),
				needs: m.addendum_needs({}, o),
				barriers: m.addendum_barriers({}, o),
				partners: m.addendum_partners({}, o),
				verdicts: m.addendum_verdicts({}, o),
				additions: m.addendum_additions({}, o),
				additionsIntro: m.addendum_additions_intro({}, o),
				organisation: m.addendum_col_organisation({}, o),
				challenge: m.addendum_col_challenge({}, o),
				verdict: m.addendum_col_verdict({}, o),
				date: m.addendum_col_date({}, o),
				need: m.addendum_col_need({}, o),
				service: m.addendum_col_service({}, o),
				dots: m.addendum_col_dots({}, o),
				rank: m.addendum_col_rank({}, o),
				step: m.addendum_col_step({}, o),
				none
			},
			ranking: bundles.map((b) => m.addendum_ranking_item({ bundle: b.title, personas: b.personas.map((p) => p.name).join(own) }, o)),
			personas: people.map(persona),
			challenges,
			enrichment: {
				partners,
				responses: verdicts,
				additions: {
					count: additions.length,
					forAll: { heading: m.addendum_additions_all({}, o), items: additions.filter((a) => a.challengeId === null || !challengeById.has(a.challengeId)) },
					perChallenge: challenges
						.map((c) => ({
							challengeId: c.id,
							heading: m.addendum_additions_one({ n: String(c.position), challenge: c.targetGroup }, o),
							items: additions.filter((a) => a.challengeId === c.id)
						}))
						.filter((g) => g.items.length)
				}
			},
			arena: {
				rows: arena.map((r) => ({ rank: r.rank, need: r.need, service: r.service, dots: r.dots })),
				partnersLine: arenaCount.voted ? m.addendum_arena_partners({ count: String(arenaCount.voted) }, o) : null
			},
			otherInput: w.otherInput
				.split(/\r?\n\s*\r?\n/)
				.map((s) => s.trim())
				.filter(Boolean),
			timeline: w.timeline.map((t) => ({ step: t.step, date: t.date, dateText: timelineDateText(t.date, l) }))
		}
	};
}

// ---------------------------------------------------------------- the document

/** A section's content as document blocks, under its heading and intro (for a section that is not empty). */
function sectionBlocks(a: Addendum, id: AddendumSectionId): Block[] {
	const L = a.labels;
	// What the workshop wrote is in its own language; the paragraph says so when it differs from the page's.
	const own = (text: string, extra: Partial<Extract<Block, { type: 'paragraph' }>> = {}): Block => ({
		type: 'paragraph',
		text,
		...(a.contentLang !== a.locale ? { lang: a.contentLang } : {}),
		...extra
	});
	const none = (text: string): Block => ({ type: 'paragraph', text });
	switch (id) {
		case 'personas': {
			const out: Block[] = [{ type: 'note', title: L.fictionalTitle, text: L.fictionalText }];
			if (a.ranking.length) out.push({ type: 'heading', level: 2, text: L.ranking }, { type: 'list', ordered: true, items: a.ranking });
			if (!a.personas.length) return [...out, none(L.none.personas)];
			for (const p of a.personas) {
				out.push({ type: 'heading', level: 2, text: p.name });
				if (p.facts) out.push({ type: 'paragraph', text: p.facts });
				if (p.driveAndStrengths.length) out.push({ type: 'heading', level: 3, text: L.driveAndStrengths }, { type: 'list', items: p.driveAndStrengths });
				if (p.background) out.push({ type: 'heading', level: 3, text: L.background }, own(p.background));
				if (p.needs.length) out.push({ type: 'heading', level: 3, text: L.needs }, { type: 'list', items: p.needs });
				if (p.barriers.length) out.push({ type: 'heading', level: 3, text: L.barriers }, { type: 'list', items: p.barriers });
				if (p.quote) out.push(own(p.quote, { emphasis: true }));
			}
			return out;
		}
		case 'challenges':
			return a.challenges.flatMap((c): Block[] => [
				{ type: 'heading', level: 2, text: c.label },
				{ type: 'paragraph', text: c.forWhom },
				own(c.sentence),
				...(c.questions.length ? [{ type: 'list', items: c.questions } as Block] : []),
				...(c.votesLine ? [{ type: 'paragraph', text: c.votesLine } as Block] : [])
			]);
		case 'enrichment': {
			const e = a.enrichment;
			const out: Block[] = [{ type: 'heading', level: 2, text: L.partners }];
			out.push(e.partners.length ? { type: 'list', items: e.partners } : none(L.none.responses));
			if (e.responses.length)
				out.push(
					{ type: 'heading', level: 2, text: L.verdicts },
					{
						type: 'table',
						header: [L.organisation, L.challenge, L.verdict, L.date],
						rows: e.responses.map((r) => [r.organisation, r.challenge, r.verdictLabel, r.dateText]),
						widths: [0.28, 0.34, 0.2, 0.18]
					}
				);
			out.push({ type: 'heading', level: 2, text: L.additions });
			if (!e.additions.count) return [...out, none(L.none.additions)];
			out.push({ type: 'paragraph', text: L.additionsIntro });
			for (const g of [e.additions.forAll, ...e.additions.perChallenge])
				if (g.items.length) out.push({ type: 'heading', level: 3, text: g.heading }, { type: 'list', items: g.items.map((x) => x.line) });
			return out;
		}
		case 'arena':
			return [
				...(a.arena.partnersLine ? [{ type: 'paragraph', text: a.arena.partnersLine } as Block] : []),
				{
					type: 'table',
					header: [L.need, L.service, L.dots, L.rank],
					rows: a.arena.rows.map((r) => [r.need, r.service, String(r.dots), String(r.rank)]),
					widths: [0.3, 0.52, 0.1, 0.08]
				}
			];
		case 'other':
			return a.otherInput.map((t) => own(t));
		case 'timeline':
			return [{ type: 'table', header: [L.step, L.date], rows: a.timeline.map((t) => [t.step, t.dateText]), widths: [0.6, 0.4] }];
	}
}

/** The addendum as a document, for toMarkdown and toPdf. `locale` is the language it was made in. */
export function addendumDoc(a: Addendum, locale: string = a.locale): Doc {
	const blocks: Block[] = [];
	if (a.draft) blocks.push({ type: 'note', title: a.draft.title, text: a.draft.text });
	a.sections.forEach((s, i) => {
		if (s.freshPage && i > 0) blocks.push({ type: 'pagebreak' });
		blocks.push({ type: 'heading', level: 1, text: s.title });
		if (s.empty) blocks.push({ type: 'paragraph', text: s.none });
		else blocks.push({ type: 'paragraph', text: s.intro }, ...sectionBlocks(a, s.id));
	});
	return { title: a.title, subtitle: a.subtitle, lang: locale, meta: a.facts, blocks };
}

/** The download's file name: 'lokaal-addendum-daw-plus.pdf'. */
export const addendumFileName = (a: Addendum, ext: 'pdf' | 'md') => `${a.fileName}.${ext}`;
