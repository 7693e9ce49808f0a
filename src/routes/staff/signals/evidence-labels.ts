/** Names of where evidence came from on the signal pages: postcard channels and the dialogue-table ones. */
import { m } from '$lib/paraglide/messages';
import { channelLabel } from '../labels';

/** 'online', 'kiosk', 'paper', 'api' (postcards) and 'table', 'facilitator' (dialogue tables), in the page's language. */
export function evidenceChannelLabel(channel: string | null): string {
	if (channel === 'table') return m.report_channel_table();
	if (channel === 'facilitator') return m.report_channel_facilitator();
	return channelLabel(channel);
}

/** The kind of source, said in words: a postcard or a contribution at a dialogue table. */
export function evidenceSourceLabel(sourceType: string): string {
	return sourceType === 'table_contribution' ? m.report_source_table() : m.report_source_postcard();
}
