/**
 * A council's published advice as a document to send to the city's board (het college van burgemeester
 * en schepenen): who advises whom, on what (the signal, the question and its deadline), the verdict and
 * how the members voted, the advice's text as it was published, and the date. `adviceDoc` builds the one
 * document model (../documents/model.ts); `toPdf` and `toMarkdown` render it.
 *
 * The labels are in the reader's language; what the council and the city wrote (the signal, the question,
 * the advice) stays as it was written.
 */
import type { Block, Doc } from '../documents/model';
import type { AdviceVerdict } from '../db/schema';
import { isLocale, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { cityZone, totalVotes, type VoteCounts } from './rules';
import type { RequestView } from './index';

export type AdviceData = {
	requestId: number;
	council: { id: string; name: string };
	signal: { id: number; title: string; summary: string };
	question: string;
	ownInitiative: boolean;
	requestedAt: Date;
	deadline: Date | null;
	verdict: AdviceVerdict;
	votes: VoteCounts;
	quorum: number;
	text: string;
	publishedAt: Date;
};

/** The data of a request's published advice (null while it is not published). */
export function adviceData(view: RequestView): AdviceData | null {
	if (!view.advice) return null;
	return {
		requestId: view.id,
		council: { id: view.council.id, name: view.council.name },
		signal: { id: view.signal.id, title: view.signal.title, summary: view.signal.summary },
		question: view.question,
		ownInitiative: view.ownInitiative,
		requestedAt: view.requestedAt,
		deadline: view.deadline,
		verdict: view.advice.verdict,
		votes: view.advice.votes,
		quorum: view.council.quorum,
		text: view.advice.text,
		publishedAt: view.advice.publishedAt
	};
}

const VERDICTS: Record<AdviceVerdict, (o: { locale: Locale }) => string> = {
	favourable: (o) => m.council_verdict_favourable({}, o),
	conditional: (o) => m.council_verdict_conditional({}, o),
	unfavourable: (o) => m.council_verdict_unfavourable({}, o)
};

export const verdictLabel = (verdict: AdviceVerdict, locale: string): string => VERDICTS[verdict]({ locale: isLocale(locale) ? locale : 'nl' });

const dayText = (d: Date, locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: cityZone() }).format(d);

/** Paragraphs of a text typed in a form: split at blank lines, single line breaks kept. */
const paragraphs = (text: string): Block[] =>
	text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p) => ({ type: 'paragraph', text: p }));

/** The advice as a document, its labels in `locale`. */
export function adviceDoc(a: AdviceData, locale: string): Doc {
	const l: Locale = isLocale(locale) ? locale : 'nl';
	const o = { locale: l };
	const verdict = verdictLabel(a.verdict, l);
	const date = dayText(a.publishedAt, l);
	const total = totalVotes(a.votes);
	const blocks: Block[] = [
		{ type: 'heading', level: 1, text: m.council_pdf_verdict_heading({}, o) },
		{ type: 'paragraph', text: m.council_pdf_verdict_line({ council: a.council.name, verdict }, o) },
		{
			type: 'table',
			header: [m.council_pdf_col_verdict({}, o), m.council_pdf_col_votes({}, o)],
			rows: [
				...(['favourable', 'conditional', 'unfavourable'] as const).map((v) => [verdictLabel(v, l), String(a.votes[v] ?? 0)]),
				[m.council_pdf_total({}, o), String(total)]
			],
			widths: [0.7, 0.3]
		},
		{ type: 'paragraph', text: m.council_pdf_quorum_line({ total: String(total), quorum: String(a.quorum) }, o) },
		{ type: 'heading', level: 1, text: m.council_pdf_signal_heading({}, o) },
		{ type: 'heading', level: 2, text: a.signal.title },
		...(a.signal.summary ? paragraphs(a.signal.summary) : []),
		{ type: 'heading', level: 1, text: a.ownInitiative ? m.council_pdf_own_initiative_heading({}, o) : m.council_pdf_question_heading({}, o) },
		...(a.ownInitiative ? [{ type: 'paragraph' as const, text: m.council_pdf_own_initiative_text({ council: a.council.name }, o) }] : []),
		...paragraphs(a.question),
		...(!a.ownInitiative
			? [
					{
						type: 'paragraph' as const,
						text: a.deadline
							? m.council_pdf_asked_on_deadline({ date: dayText(a.requestedAt, l), deadline: dayText(a.deadline, l) }, o)
							: m.council_pdf_asked_on({ date: dayText(a.requestedAt, l) }, o)
					}
				]
			: []),
		{ type: 'heading', level: 1, text: m.council_pdf_advice_heading({}, o) },
		...paragraphs(a.text),
		{ type: 'note', text: m.council_pdf_closing({ council: a.council.name, date }, o) }
	];
	return {
		title: m.council_pdf_title({ council: a.council.name }, o),
		subtitle: a.signal.title,
		lang: l,
		meta: [
			{ label: m.council_pdf_to({}, o), value: m.council_pdf_to_value({}, o) },
			{ label: m.council_pdf_from({}, o), value: a.council.name },
			{ label: m.council_pdf_date({}, o), value: date },
			{ label: m.council_pdf_verdict({}, o), value: verdict },
			{ label: m.council_pdf_reference({}, o), value: m.council_pdf_reference_value({ signal: String(a.signal.id), request: String(a.requestId) }, o) }
		],
		blocks
	};
}

/** The download's file name: 'advies-dialoogstad-signaal-12.pdf'. */
export const adviceFileName = (a: AdviceData, ext: 'pdf' | 'md') => `advies-${a.council.id.replace(/[^a-z0-9-]/gi, '') || 'raad'}-signaal-${a.signal.id}.${ext}`;
