import { defineConfig, devices } from '@playwright/test';

// Browser tests drive Debian's chromium (never `playwright install`: this machine cannot download).
// By default they start the production server (server.js, built beforehand) the way `npm run demo` does
// (no ORIGIN: the server derives it, as it must for phones reaching a laptop by its address), on a fresh database
// with the demo data. Set E2E_BASE_URL to run them against a server you started yourself.
const port = Number(process.env.E2E_PORT || 4173);
const external = process.env.E2E_BASE_URL;
const baseURL = external || `http://localhost:${port}`;
const dbDir = process.env.E2E_DB_DIR || `/tmp/meespraak-e2e-${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL,
		trace: 'off',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: external
		? undefined
		: {
				command: `rm -rf ${dbDir} && mkdir -p ${dbDir} && node server.js`,
				url: `${baseURL}/healthz`,
				reuseExistingServer: false,
				timeout: 60_000,
				env: {
					PORT: String(port),
					DATABASE_URL: `file:${dbDir}/e2e.db`,
					MEESPRAAK_DEMO: '1',
					POSTCARD_RATE_LIMIT: process.env.POSTCARD_RATE_LIMIT || '50/10m',
					LOGIN_RATE_LIMIT: '5/15m'
				}
			}
});
