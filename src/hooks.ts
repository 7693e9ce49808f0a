import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// The language lives in a cookie (so QR codes and printed links work in every language); should a
// URL strategy be added, this maps localized paths back onto the routes.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
