import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';
import { attachSocketServer } from './src/lib/server/realtime/attach.js';

/** socket.io on Vite's own HTTP server in dev; SvelteKit's hooks attach the handlers on first load. */
function socketIoDev(): Plugin {
	return {
		name: 'meespraak-socket-io',
		configureServer(server) {
			if (!server.httpServer) return;
			attachSocketServer(server.httpServer);
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieMaxAge: 60 * 60 * 24 * 365
		}),
		sveltekit(),
		socketIoDev()
	]
});
