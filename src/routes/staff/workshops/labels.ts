/** Words for the workshop pages: the method's steps, enrichment verdicts, partner links' states. */
import { m } from '$lib/paraglide/messages';

const STEPS: Record<string, () => string> = {
	personas: m.workshop_step_personas,
	needs: m.workshop_step_needs,
	challenge: m.workshop_step_challenge,
	speak_as: m.workshop_step_speak_as,
	vote: m.workshop_step_vote
};
export const stepLabel = (step: string) => (STEPS[step] ?? (() => step))();

const VERDICTS: Record<string, () => string> = {
	confirm: m.workshop_verdict_confirm,
	confirm_with_additions: m.workshop_verdict_confirm_with_additions,
	propose_changes: m.workshop_verdict_propose_changes
};
export const verdictLabel = (v: string) => (VERDICTS[v] ?? (() => v))();

const STATES: Record<string, () => string> = {
	open: m.workshop_invite_open,
	submitted: m.workshop_invite_submitted,
	expired: m.workshop_invite_expired,
	revoked: m.workshop_invite_revoked
};
export const inviteStateLabel = (s: string) => (STATES[s] ?? (() => s))();
