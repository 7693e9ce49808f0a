/**
 * A signal's states and where each may go by hand, shared by the server (which enforces them) and the
 * signal page (which offers only the allowed moves). 'advised' is reached when a council publishes.
 */
export const SIGNAL_STATUSES = ['new', 'triage', 'with_council', 'advised', 'taken_up', 'not_taken_up', 'passed_on', 'feedback_published'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const TRANSITIONS: Record<SignalStatus, readonly SignalStatus[]> = {
	new: ['triage'],
	triage: ['with_council', 'taken_up', 'not_taken_up', 'passed_on'],
	with_council: ['advised', 'triage'],
	advised: ['with_council', 'taken_up', 'not_taken_up', 'passed_on'],
	taken_up: ['feedback_published'],
	not_taken_up: ['feedback_published'],
	passed_on: ['feedback_published'],
	feedback_published: []
};

export const DECIDED: readonly SignalStatus[] = ['taken_up', 'not_taken_up', 'passed_on', 'feedback_published'];

export function isStatus(value: unknown): value is SignalStatus {
	return typeof value === 'string' && (SIGNAL_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: SignalStatus, to: SignalStatus): boolean {
	return TRANSITIONS[from]?.includes(to) ?? false;
}
