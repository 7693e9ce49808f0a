import { redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { issuePaperCodes, MAX_PRINT, paperBatch, printCount, PRINT_FORMATS, type PrintFormat } from '$lib/server/postcards/paper';
import { staffCampaign } from '../../campaign.server';

const SECOND_LANGUAGES = ['fr', 'en', 'ar'] as const;

/** The public address the cards point at: ORIGIN when the server knows it, else the address staff use. */
function publicOrigin(url: URL): string {
	return (process.env.ORIGIN || url.origin).replace(/\/$/, '');
}

export const load: PageServerLoad = async (event) => {
	const { campaign, title } = await staffCampaign(event);
	const q = event.url.searchParams;
	const format: PrintFormat = (PRINT_FORMATS as readonly string[]).includes(q.get('format') ?? '') ? (q.get('format') as PrintFormat) : 'a4';
	const lang = (SECOND_LANGUAGES as readonly string[]).includes(q.get('lang') ?? '') ? (q.get('lang') as (typeof SECOND_LANGUAGES)[number]) : null;
	const keep = new URLSearchParams({ format, ...(lang ? { lang } : {}) });

	// Asking for cards issues their codes once, then shows that print run under its own address,
	// so that reloading or printing again never makes new codes.
	const countParam = q.get('count');
	let countProblem = false;
	if (countParam !== null && !q.has('batch')) {
		const count = printCount(countParam);
		if (count) {
			const batch = await issuePaperCodes(campaign.id, count);
			keep.set('batch', String(batch.printedAt.getTime()));
			redirect(303, `?${keep}`);
		}
		countProblem = true;
	}

	const batchMs = Number(q.get('batch'));
	const codes = Number.isFinite(batchMs) && batchMs > 0 ? await paperBatch(campaign.id, batchMs) : [];
	const origin = publicOrigin(event.url);
	const campaignUrl = `${origin}/p/${campaign.slug}`;
	return {
		campaign: { id: campaign.id, slug: campaign.slug, titles: campaign.titles, questions: campaign.questions },
		title,
		format,
		lang,
		count: countParam ?? '4',
		countProblem,
		maxCount: MAX_PRINT,
		batch: codes.length ? batchMs : null,
		batchMissing: q.has('batch') && codes.length === 0,
		codes,
		campaignUrl,
		trackUrl: `${origin.replace(/^https?:\/\//, '')}/k`,
		qr: codes.length ? await QRCode.toString(campaignUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }) : ''
	};
};
