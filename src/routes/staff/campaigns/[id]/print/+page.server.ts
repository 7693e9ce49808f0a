import { fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import { issuePaperCodes, MAX_PRINT, paperBatch, printCount, PRINT_FORMATS, type PrintFormat } from '$lib/server/postcards/paper';
import { staffCampaign } from '../../campaign.server';

const SECOND_LANGUAGES = ['fr', 'en', 'ar'] as const;

/** The public address the cards point at: ORIGIN when the server knows it, else the address staff use. */
function publicOrigin(url: URL): string {
	return (process.env.ORIGIN || url.origin).replace(/\/$/, '');
}

function layout(get: (name: string) => string | null) {
	const format: PrintFormat = (PRINT_FORMATS as readonly string[]).includes(get('format') ?? '') ? (get('format') as PrintFormat) : 'a4';
	const lang = (SECOND_LANGUAGES as readonly string[]).includes(get('lang') ?? '') ? (get('lang') as (typeof SECOND_LANGUAGES)[number]) : null;
	return { format, lang };
}

// Only the form's POST issues codes (a GET is fetched by prefetching, crawlers and link previews too);
// then the print run is shown under its own address, so reloading or printing again never makes new
// codes. The page itself only ever shows codes already issued.
export const actions: Actions = {
	default: async (event) => {
		const { campaign } = await staffCampaign(event);
		const form = await event.request.formData();
		const get = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' ? v : null;
		};
		const { format, lang } = layout(get);
		const count = printCount(get('count'));
		if (!count) return fail(400, { countProblem: true, count: get('count') ?? '' });
		const batch = await issuePaperCodes(campaign.id, count);
		const keep = new URLSearchParams({ format, ...(lang ? { lang } : {}), batch: String(batch.printedAt.getTime()) });
		redirect(303, `?${keep}`);
	}
};

export const load: PageServerLoad = async (event) => {
	const { campaign, title } = await staffCampaign(event);
	const q = event.url.searchParams;
	const { format, lang } = layout((name) => q.get(name));

	const batchMs = Number(q.get('batch'));
	const codes = Number.isFinite(batchMs) && batchMs > 0 ? await paperBatch(campaign.id, batchMs) : [];
	const origin = publicOrigin(event.url);
	const campaignUrl = `${origin}/p/${campaign.slug}`;
	return {
		campaign: { id: campaign.id, slug: campaign.slug, titles: campaign.titles, questions: campaign.questions },
		title,
		format,
		lang,
		count: '4',
		maxCount: MAX_PRINT,
		batch: codes.length ? batchMs : null,
		batchMissing: q.has('batch') && codes.length === 0,
		codes,
		campaignUrl,
		trackUrl: `${origin.replace(/^https?:\/\//, '')}/k`,
		qr: codes.length ? await QRCode.toString(campaignUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }) : ''
	};
};
