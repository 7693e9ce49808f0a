import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth';
import { label } from '$lib/i18n';
import { formatDate } from '$lib/postcards/format';
import { campaignState, getCampaign } from '$lib/server/postcards/campaigns';
import { KIOSK_COOKIE, kioskCookieOptions, kioskFromToken, listKiosks, MAX_PLACE, placeProblem, registerKiosk, revokeKiosk } from '$lib/server/postcards/kiosks';
import { m } from '$lib/paraglide/messages';

async function campaignOf(id: string) {
	const campaign = /^\d+$/.test(id) ? await getCampaign(Number(id)) : undefined;
	if (!campaign) error(404, m.kiosk_staff_campaign_unknown());
	return campaign;
}

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'moderator');
	const campaign = await campaignOf(event.params.id);
	const here = await kioskFromToken(event.cookies.get(KIOSK_COOKIE));
	const kiosks = await listKiosks(campaign.id);
	return {
		campaign: { id: campaign.id, slug: campaign.slug, title: label(campaign.titles, event.locals.locale), state: campaignState(campaign) },
		thisDevice: here ? { place: here.place, sameCampaign: here.campaignId === campaign.id } : null,
		maxPlace: MAX_PLACE,
		kiosks: kiosks.map((k) => ({
			id: k.id,
			place: k.place,
			registeredOn: formatDate(k.createdAt, event.locals.locale),
			revoked: !!k.revokedAt,
			thisDevice: here?.id === k.id
		}))
	};
};

export const actions: Actions = {
	register: async (event) => {
		const user = requireStaff(event, 'moderator');
		const campaign = await campaignOf(event.params.id);
		const place = String((await event.request.formData()).get('place') ?? '');
		const problem = placeProblem(place);
		if (problem) return fail(400, { place, problem: problem === 'place_empty' ? m.kiosk_staff_place_empty() : m.kiosk_staff_place_too_long({ max: MAX_PLACE }) });
		// One device is one kiosk: registering it again retires the kiosk it was before.
		const previous = await kioskFromToken(event.cookies.get(KIOSK_COOKIE));
		if (previous) await revokeKiosk(previous.id, previous.campaignId);
		const { token } = await registerKiosk(campaign.id, place, user.id);
		event.cookies.set(KIOSK_COOKIE, token, kioskCookieOptions(event.url.protocol === 'https:'));
		// A kiosk is a public device: no staff session may stay on it.
		const session = event.cookies.get(SESSION_COOKIE);
		if (session) await invalidateSession(session);
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, `/p/${campaign.slug}/kiosk`);
	},
	revoke: async (event) => {
		requireStaff(event, 'moderator');
		const campaign = await campaignOf(event.params.id);
		const id = Number((await event.request.formData()).get('kioskId'));
		if (!Number.isInteger(id) || !(await revokeKiosk(id, campaign.id))) return fail(404, { revokeProblem: m.kiosk_staff_revoke_unknown() });
		const here = await kioskFromToken(event.cookies.get(KIOSK_COOKIE));
		if (!here) event.cookies.delete(KIOSK_COOKIE, { path: '/' });
		return { revoked: true };
	}
};
