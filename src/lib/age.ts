/** The age bands residents may give (postcards) and personas have, in the page's language. */
import { m } from '$lib/paraglide/messages';

export function ageLabel(band: string | null | undefined): string {
	switch (band) {
		case 'under-18':
			return m.postcard_age_under_18();
		case '18-29':
			return m.postcard_age_18_29();
		case '30-49':
			return m.postcard_age_30_49();
		case '50-64':
			return m.postcard_age_50_64();
		case '65-79':
			return m.postcard_age_65_79();
		case '80-plus':
			return m.postcard_age_80_plus();
		default:
			return band ?? '';
	}
}
