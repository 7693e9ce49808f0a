import type { PageServerLoad } from './$types';
import { label } from '$lib/i18n';
import { formatDate } from '$lib/postcards/format';
import { getPlan } from '$lib/server/plan';
import { listWall } from '$lib/server/postcards/wall';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
	const { campaign } = await parent();
	const themeId = url.searchParams.get('theme') || null;
	const neighbourhoodId = url.searchParams.get('neighbourhood') || null;
	const wall = await listWall(campaign.id, { themeId, neighbourhoodId, page: Number(url.searchParams.get('page') || 1) });
	// Cards may carry tags staff added from outside the campaign's own lists: name them from the plan.
	const plan = await getPlan({ includeArchived: true });
	const themes = new Map(plan.themes.map((t) => [t.id, { label: label(t.labels, locals.locale), pictogram: t.pictogram ?? '' }]));
	for (const t of campaign.themes) themes.set(t.id, { label: t.label, pictogram: t.pictogram ?? '' });
	const neighbourhoods = new Map(plan.neighbourhoods.map((n) => [n.id, label(n.labels, locals.locale)]));
	return {
		filter: { theme: themeId ?? '', neighbourhood: neighbourhoodId ?? '' },
		total: wall.total,
		page: wall.page,
		pages: wall.pages,
		cards: wall.cards.map((c) => ({
			id: c.id,
			text: c.text,
			date: formatDate(c.writtenAt, locals.locale),
			themes: c.themeIds.flatMap((id) => (themes.has(id) ? [{ id, ...themes.get(id)! }] : [])),
			neighbourhood: c.neighbourhoodId ? (neighbourhoods.get(c.neighbourhoodId) ?? null) : null
		}))
	};
};
