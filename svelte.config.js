import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Forms are posted from kiosks and paper-transcription laptops on the same origin only.
		csrf: { trustedOrigins: [] },
		// Content-Security-Policy of every page. Scripts: only this site's files and SvelteKit's own inline
		// start-up script, which carries a fresh nonce per response ('auto': hashes for prerendered pages).
		// Styles allow 'unsafe-inline' on purpose: Svelte writes style attributes (style:width, positions on
		// boards) and the paper print page sets its page size in a <style>; with scripts locked down and no
		// HTML from users, injected CSS has nothing to reach. Images: data: and blob: for the board's PNG
		// export (an SVG drawn through a blob: URL). connect-src 'self' covers socket.io's polling and its
		// websocket on this host (CSP 3: 'self' matches ws:/wss: of the same host). frame-ancestors is added
		// per response in src/lib/server/security/headers.ts (the postcard form and wall can be embedded).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'media-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-src': ['none'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
