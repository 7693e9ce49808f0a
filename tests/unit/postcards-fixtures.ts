// Shared set-up for the resident-side postcard unit tests (not a test file itself).
import { DEMO_CAMPAIGN_SLUG, seedDemoCampaign, seedPlan } from '../../src/lib/server/seed';
import { createCampaign, getCampaignBySlug, type Campaign } from '../../src/lib/server/postcards/campaigns';
import type { CampaignFields } from '../../src/lib/server/db/schema';

export const SLUG = DEMO_CAMPAIGN_SLUG;
export const DAY = 86_400_000;
export const ALL_FIELDS: CampaignFields = { themes: true, neighbourhood: true, targetGroups: true, ageBand: true, contact: true };

/** The plan and the demo campaign (open, 25 published cards with codes DEM-AAA, DEM-ABA, …). */
export async function demo(): Promise<Campaign> {
	await seedPlan();
	await seedDemoCampaign();
	return (await getCampaignBySlug(SLUG))!;
}

/** Another campaign on the same plan, open unless dates say otherwise. */
export async function otherCampaign(slug: string, opts: { opensAt?: Date; closesAt?: Date; themes?: number[] } = {}): Promise<Campaign> {
	const now = Date.now();
	return createCampaign(
		{
			slug,
			titles: { nl: `Oproep ${slug}`, fr: `Appel ${slug}` },
			questions: { nl: 'Wat vind je?' },
			opensAt: opts.opensAt ?? new Date(now - DAY),
			closesAt: opts.closesAt ?? new Date(now + 30 * DAY),
			themes: (opts.themes ?? [1, 2]).map((themeId) => ({ themeId, pictogram: '💬' })),
			neighbourhoodIds: ['binnenstad'],
			fields: ALL_FIELDS
		},
		null
	);
}
