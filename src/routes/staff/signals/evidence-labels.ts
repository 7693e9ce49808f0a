/** Names of where evidence came from on the signal pages: postcards, dialogue tables and boards. */
import { m } from '$lib/paraglide/messages';
import { channelLabel } from '../labels';

/** 'online', 'kiosk', 'paper', 'api' (postcards), 'table', 'facilitator' (dialogue tables) and 'board', in the page's language. */
export function evidenceChannelLabel(channel: string | null): string {
	if (channel === 'table') return m.report_channel_table();
	if (channel === 'facilitator') return m.report_channel_facilitator();
	if (channel === 'board') return m.report_channel_board();
	return channelLabel(channel);
}

/** The kind of source, said in words: a postcard, a contribution at a dialogue table or a note on a board. */
export function evidenceSourceLabel(sourceType: string): string {
	if (sourceType === 'table_contribution') return m.report_source_table();
	if (sourceType === 'board_note') return m.report_source_board();
	return m.report_source_postcard();
}

/** Where within its context a piece of evidence was: a table's phase and sub-table, a board note's cluster and author. */
export function evidenceOriginLabel(origin: { kind: string; text: string }): string {
	switch (origin.kind) {
		case 'phase':
			return m.report_evidence_phase({ title: origin.text });
		case 'sub_table':
			return m.report_evidence_sub_table({ name: origin.text });
		case 'cluster':
			return m.report_evidence_cluster({ title: origin.text });
		case 'author':
			return m.report_evidence_author({ name: origin.text });
		default:
			return origin.text;
	}
}
