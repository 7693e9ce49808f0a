import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import path from 'node:path';

// Unit and component tests: domain modules run against a fresh in-memory database per test.
// Kept apart from vite.config.ts so that the socket.io and paraglide dev plugins stay out of test runs.
export default defineConfig({
	plugins: [svelte()],
	resolve: {
		alias: { $lib: path.resolve('src/lib') }
	},
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		pool: 'forks',
		setupFiles: ['tests/unit/setup.ts']
	}
});
