import { defineConfig } from 'vitest/config';
import path from 'node:path';

// The security suite (tests/security): each file starts the production server (server.js from build/)
// on a fresh temporary database and attacks it over HTTP and socket.io, the way a hostile visitor would.
// Needs a build (`npm run build`); scripts/test.sh runs it after the build step.
export default defineConfig({
	resolve: {
		alias: { $lib: path.resolve('src/lib') }
	},
	test: {
		include: ['tests/security/**/*.test.ts'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 60_000,
		hookTimeout: 90_000,
		// Files run side by side (each with its own server on a free port); two at a time on 2 cores.
		maxWorkers: 2
	}
});
