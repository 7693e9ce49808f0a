/**
 * Agenda templates for live sessions, as plain data. A facilitator starts from a copy (`copyTemplate`)
 * and may edit it before or during the meeting; the template itself never changes.
 * Prompts are in Dutch (the base language); the facilitator rewrites them for the table's language.
 */
import type { PhaseKind } from '../db/schema';

export type PhaseSpec = {
	kind: PhaseKind;
	title: string;
	prompt: string;
	/** Poll options (poll_single / poll_multi only). */
	options?: string[];
	/** Dots per participant (dots only). */
	dotsPerParticipant?: number;
	timerSeconds?: number | null;
};

export type TemplateId = 'dialogue_table' | 'group_session' | 'talk_cafe' | 'world_cafe';

export type Template = {
	id: TemplateId;
	title: string;
	phases: PhaseSpec[];
	/** World café: the sub-tables, each later given a host. */
	groups?: string[];
};

export const DEFAULT_DOTS = 3;

const TEMPLATES: Record<TemplateId, Template> = {
	dialogue_table: {
		id: 'dialogue_table',
		title: 'Dialoogtafel',
		phases: [
			{ kind: 'testimony', title: 'Getuigenis', prompt: 'Iemand vertelt uit eigen ervaring.' },
			{ kind: 'open', title: 'Problemen in kaart', prompt: 'Welke problemen herken je?', timerSeconds: 15 * 60 },
			{ kind: 'open', title: 'Samen naar antwoorden', prompt: 'Wat zou helpen? Wie kan wat doen?', timerSeconds: 20 * 60 },
			{ kind: 'open', title: 'Aanbevelingen', prompt: 'Welke aanbeveling geven we aan het beleid of aan organisaties?', timerSeconds: 15 * 60 },
			{ kind: 'dots', title: 'Stemmen', prompt: 'Welke aanbevelingen zijn voor jou het belangrijkst?', dotsPerParticipant: DEFAULT_DOTS, timerSeconds: 5 * 60 }
		]
	},
	group_session: {
		id: 'group_session',
		title: 'Groepssessie met metagesprek',
		phases: [
			{ kind: 'open', title: 'Thema 1', prompt: 'Wat is het verhaal achter de antwoorden over thema 1?', timerSeconds: 120 * 60 },
			{ kind: 'open', title: 'Thema 2', prompt: 'Wat is het verhaal achter de antwoorden over thema 2?', timerSeconds: 120 * 60 },
			{ kind: 'open', title: 'Metagesprek', prompt: 'Wat nemen we mee naar de directie?', timerSeconds: 60 * 60 }
		]
	},
	talk_cafe: {
		id: 'talk_cafe',
		title: 'Praatcafé',
		phases: [
			{ kind: 'open', title: 'Open ronde', prompt: 'Wat houdt je bezig in de buurt?' },
			{ kind: 'dots', title: 'Stemmen', prompt: 'Wat vind je het belangrijkst?', dotsPerParticipant: DEFAULT_DOTS, timerSeconds: 5 * 60 }
		]
	},
	world_cafe: {
		id: 'world_cafe',
		title: 'Wereldcafé',
		phases: [
			{ kind: 'open', title: 'Ronde 1', prompt: 'Bespreek de vraag aan jouw tafel. De gastvrouw of gastheer noteert.', timerSeconds: 20 * 60 },
			{ kind: 'open', title: 'Ronde 2', prompt: 'Wissel van tafel en bouw verder op wat er al ligt.', timerSeconds: 20 * 60 },
			{ kind: 'open', title: 'Ronde 3', prompt: 'Nog een wissel: wat ontbreekt er nog?', timerSeconds: 20 * 60 },
			{ kind: 'word_cloud', title: 'Oogst', prompt: 'Welke bouwstenen nemen we mee? (een paar woorden)', timerSeconds: 10 * 60 }
		],
		groups: ['Tafel 1', 'Tafel 2', 'Tafel 3', 'Tafel 4']
	}
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function isTemplateId(value: unknown): value is TemplateId {
	return typeof value === 'string' && (TEMPLATE_IDS as string[]).includes(value);
}

/** A deep copy of a template's agenda, free to edit. */
export function copyTemplate(id: TemplateId): PhaseSpec[] {
	return structuredClone(TEMPLATES[id].phases);
}

/** The template's sub-tables (world café), or none. */
export function templateGroups(id: TemplateId): string[] {
	return [...(TEMPLATES[id].groups ?? [])];
}

export function listTemplates(): Template[] {
	return TEMPLATE_IDS.map((id) => structuredClone(TEMPLATES[id]));
}
