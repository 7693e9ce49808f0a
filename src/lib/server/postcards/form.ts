/**
 * The postcard form (public page and kiosk share it): reads the posted fields, hands them to
 * receivePostcard(), and answers the way SvelteKit form actions do. On any problem everything the
 * resident typed goes back with the problems, so the page shows it again, filled in.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { PostcardChannel } from '../db/schema';
import type { PostcardFormValues } from '$lib/postcards/problems';
import { receivePostcard, receiveStatus, type ReceiveProblem, type Sender } from './limits';
import { kioskFromToken, KIOSK_COOKIE, type Kiosk } from './kiosks';
import { keepKeyForSentPage } from './sent';

export type { PostcardFormValues };

/** Reads the form as typed; nothing is dropped, so that it can be shown again. */
export function readPostcardForm(form: FormData): PostcardFormValues {
	const str = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string' && v !== '');
	return {
		text: str('text'),
		themeIds: list('themeIds'),
		neighbourhoodId: str('neighbourhoodId'),
		targetGroupIds: list('targetGroupIds'),
		ageBand: str('ageBand'),
		consentPublish: ['on', 'true', '1', 'yes'].includes(str('consentPublish')),
		email: str('email'),
		submissionId: str('submissionId')
	};
}

/** The device sending the request: its address, and whether it is a registered kiosk or a staff session. */
export async function senderOf(event: Pick<RequestEvent, 'cookies' | 'locals' | 'getClientAddress'>): Promise<{ sender: Sender; kiosk: Kiosk | null }> {
	const kiosk = await kioskFromToken(event.cookies.get(KIOSK_COOKIE));
	return {
		kiosk,
		sender: { clientAddress: event.getClientAddress(), kiosk: !!kiosk, staff: !!event.locals.user }
	};
}

export type PostcardFormFailure = {
	values: PostcardFormValues;
	problems: (ReceiveProblem | 'kiosk_not_registered')[];
	retryAfterMinutes?: number;
};

/**
 * The form action for both pages. `channel` 'kiosk' needs a kiosk cookie registered for this campaign;
 * the card then records the kiosk's place. Success redirects (303) to `sentPath(code)`.
 */
export async function postcardFormAction(
	event: RequestEvent,
	opts: { slug: string; campaignId: number; channel: Extract<PostcardChannel, 'online' | 'kiosk'>; sentPath: (code: string) => string }
) {
	const values = readPostcardForm(await event.request.formData());
	const { sender, kiosk } = await senderOf(event);
	if (opts.channel === 'kiosk' && (!kiosk || kiosk.campaignId !== opts.campaignId)) {
		return fail(403, { values, problems: ['kiosk_not_registered'] } satisfies PostcardFormFailure);
	}
	const result = await receivePostcard(
		opts.slug,
		{
			text: values.text,
			themeIds: values.themeIds,
			neighbourhoodId: values.neighbourhoodId || null,
			targetGroupIds: values.targetGroupIds,
			ageBand: values.ageBand || null,
			consentPublish: values.consentPublish,
			email: values.email || null,
			locale: event.locals.locale,
			channel: opts.channel,
			collectionPlace: opts.channel === 'kiosk' ? kiosk!.place : null,
			submissionId: values.submissionId || null
		},
		sender
	);
	if (!result.ok) {
		const failure: PostcardFormFailure = { values, problems: result.problems };
		if (result.retryAfterMs !== undefined) failure.retryAfterMinutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
		return fail(receiveStatus(result.problems), failure);
	}
	if (result.key) keepKeyForSentPage(event.cookies, event.url, opts.slug, result.code, result.key);
	redirect(303, opts.sentPath(result.code));
}
