/**
 * What a resident sees of a campaign: its question and the choices the form offers (themes with their
 * pictograms, neighbourhoods, self-declared target groups, age bands), in every language (for the API)
 * or in one (for the pages). Archived plan items are never offered.
 */
import { label } from '$lib/i18n';
import { AGE_BANDS, type AgeBand, type CampaignFields, type Labels } from '../db/schema';
import { getPlan } from '../plan';
import { campaignState, type Campaign, type CampaignState } from './campaigns';
import { MAX_TEXT } from './submit';

export type Choice = { id: string; labels: Labels; pictogram?: string };

export type CampaignChoices = {
	themes: Choice[];
	neighbourhoods: Choice[];
	targetGroups: Choice[];
	ageBands: readonly AgeBand[];
};

/** The choices the campaign's form offers; fields the campaign switched off come back empty. */
export async function campaignChoices(campaign: Campaign): Promise<CampaignChoices> {
	const plan = await getPlan();
	const themes = new Map(plan.themes.map((t) => [t.id, t]));
	const neighbourhoods = new Map(plan.neighbourhoods.map((n) => [n.id, n]));
	const f = campaign.fields;
	return {
		themes: f.themes
			? campaign.themes.flatMap((t) => {
					const item = themes.get(String(t.themeId));
					return item ? [{ id: item.id, labels: item.labels, pictogram: t.pictogram || item.pictogram }] : [];
				})
			: [],
		neighbourhoods: f.neighbourhood
			? campaign.neighbourhoodIds.flatMap((id) => {
					const item = neighbourhoods.get(id);
					return item ? [{ id: item.id, labels: item.labels }] : [];
				})
			: [],
		targetGroups: f.targetGroups ? plan.targetGroups.map((g) => ({ id: g.id, labels: g.labels })) : [],
		ageBands: f.ageBand ? AGE_BANDS : []
	};
}

export type LocalChoice = { id: string; label: string; pictogram?: string };

/** A campaign as the resident pages show it, in `locale`. */
export type CampaignView = {
	id: number;
	slug: string;
	title: string;
	question: string;
	state: CampaignState;
	opensAt: string;
	closesAt: string;
	fields: CampaignFields;
	maxText: number;
	themes: LocalChoice[];
	neighbourhoods: LocalChoice[];
	targetGroups: LocalChoice[];
	ageBands: AgeBand[];
};

export async function campaignView(campaign: Campaign, locale: string, now = new Date()): Promise<CampaignView> {
	const choices = await campaignChoices(campaign);
	const local = (c: Choice): LocalChoice => ({ id: c.id, label: label(c.labels, locale), ...(c.pictogram ? { pictogram: c.pictogram } : {}) });
	return {
		id: campaign.id,
		slug: campaign.slug,
		title: label(campaign.titles, locale),
		question: label(campaign.questions, locale),
		state: campaignState(campaign, now),
		opensAt: campaign.opensAt.toISOString(),
		closesAt: campaign.closesAt.toISOString(),
		fields: campaign.fields,
		maxText: MAX_TEXT,
		themes: choices.themes.map(local),
		neighbourhoods: choices.neighbourhoods.map(local),
		targetGroups: choices.targetGroups.map(local),
		ageBands: [...choices.ageBands]
	};
}
