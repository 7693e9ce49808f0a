/** Small shape checks for untrusted input (socket payloads, forms); no dependency. */
import { PHASE_KINDS, type PhaseKind } from '../db/schema';
import type { PhaseSpec } from './templates';

export const TEXT_MAX = 500;
export const NAME_MAX = 40;
export const TITLE_MAX = 160;
export const OPTION_MAX = 120;
export const MAX_OPTIONS = 12;
export const MAX_DOTS = 20;
export const MAX_PHASES = 30;
export const MAX_TIMER_SECONDS = 6 * 3600;

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isId(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isIntIn(value: unknown, min: number, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Client-generated ids (uuid, nanoid, …): 1..64 characters of letters, digits, `-` and `_`. */
export function isClientId(value: unknown): value is string {
	return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

export function isPhaseKind(value: unknown): value is PhaseKind {
	return typeof value === 'string' && (PHASE_KINDS as readonly string[]).includes(value);
}

export type TextProblem = 'empty_text' | 'text_too_long' | 'bad_payload';

export function checkText(value: unknown, max = TEXT_MAX): { ok: true; text: string } | { ok: false; error: TextProblem } {
	if (typeof value !== 'string') return { ok: false, error: 'bad_payload' };
	const text = value.trim();
	if (text.length === 0) return { ok: false, error: 'empty_text' };
	if ([...text].length > max) return { ok: false, error: 'text_too_long' };
	return { ok: true, text };
}

/** Checks and normalises one phase of an agenda; null when it is not acceptable. */
export function normalizePhase(value: unknown): PhaseSpec | null {
	if (!isRecord(value) || !isPhaseKind(value.kind)) return null;
	const kind = value.kind;
	const title = value.title ?? '';
	const prompt = value.prompt ?? '';
	if (typeof title !== 'string' || title.length > TITLE_MAX) return null;
	if (typeof prompt !== 'string' || prompt.length > TEXT_MAX) return null;
	const timer = value.timerSeconds ?? null;
	if (timer !== null && !isIntIn(timer, 1, MAX_TIMER_SECONDS)) return null;
	const spec: PhaseSpec = { kind, title: title.trim(), prompt: prompt.trim(), timerSeconds: timer };
	if (kind === 'poll_single' || kind === 'poll_multi') {
		const options = value.options;
		if (!Array.isArray(options) || options.length < 2 || options.length > MAX_OPTIONS) return null;
		const clean: string[] = [];
		for (const o of options) {
			if (typeof o !== 'string' || o.trim() === '' || o.length > OPTION_MAX) return null;
			clean.push(o.trim());
		}
		spec.options = clean;
	} else if (value.options !== undefined && !(Array.isArray(value.options) && value.options.length === 0)) {
		return null;
	}
	if (kind === 'dots') {
		const dots = value.dotsPerParticipant ?? 3;
		if (!isIntIn(dots, 1, MAX_DOTS)) return null;
		spec.dotsPerParticipant = dots;
	}
	return spec;
}
