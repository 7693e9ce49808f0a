#!/usr/bin/env node
// `npm run demo`: install the dependencies and build if needed, migrate, seed the demo data unless
// already there, start the production server. Honours PORT and DATABASE_URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { ensureBuild, ensureDependencies, root } from './prepare.js';

process.chdir(root);
// On a fresh machine: install the dependencies first (npm ci), then build once.
ensureDependencies();
ensureBuild();

const port = process.env.PORT || '3000';
const env = { ...process.env, PORT: port, MEESPRAAK_DEMO: '1' };
if (!env.DATABASE_URL) {
	// Its own file, never the one a real installation uses by default (data/meespraak.db).
	fs.mkdirSync('data', { recursive: true, mode: 0o700 });
	env.DATABASE_URL = 'file:./data/demo.db';
}
// ORIGIN stays unset unless given: the server then answers on whatever host name it is reached by
// (localhost, or the laptop's address that phones in the room use).
const shownUrl = env.ORIGIN || `http://localhost:${port}`;

// The new group's edit link: DEMO_BOARD_TOKEN in src/lib/server/seed/boards.ts.
const DEMO_BOARD_TOKEN = 'demobordmeerminder2026groepnieuw';
// The persona workshops' codes and the open partner link: src/lib/server/seed/personas.ts.
const FINISHED_WORKSHOP_CODE = 'DAW-245';
const NEW_WORKSHOP_CODE = 'PRS-362';
const DEMO_PARTNER_TOKEN = 'demopartnerbibliotheekopwijk2026';
const DEMO_ACCOUNTS = JSON.parse(fs.readFileSync('src/lib/server/seed/data/demo-accounts.json', 'utf8')).accounts;
// Mail to residents goes to a local catcher, never to a real address: see scripts/smtp-catcher.js.
const catcher = spawn(process.execPath, ['scripts/smtp-catcher.js'], { stdio: ['ignore', 'ignore', 'inherit'], env });
catcher.on('exit', (code) => {
	if (code) console.log(`(the mail catcher stopped with code ${code}: port 2525 may be taken; messages wait in the outbox)`);
});
const child = spawn(process.execPath, ['server.js'], { stdio: ['inherit', 'pipe', 'inherit'], env });
child.stdout.on('data', (chunk) => {
	process.stdout.write(chunk);
	if (String(chunk).includes('listening')) {
		console.log(`\nMeespraak demo is running at ${shownUrl}`);
		console.log(`  database: ${env.DATABASE_URL}`);
		console.log(`  postcard campaign: ${shownUrl}/p/brugge-draait-om-mensen`);
		console.log(`  public wall:       ${shownUrl}/p/brugge-draait-om-mensen/wall`);
		console.log(`  live table:        code TAF-234, phones at ${shownUrl}/t/TAF-234, projector ${shownUrl}/present/TAF-234`);
		console.log(`  finished table:    report at ${shownUrl}/staff/tables/SCH-258/report (log in as begeleider or moderator)`);
		console.log(`  boards:            ${shownUrl}/staff/boards (log in as begeleider)`);
		console.log(`  SCH-258 board:     'Schoolkosten — samen naar antwoorden' in that list: 61 notes in 7 clusters, 3 of them taken into signals`);
		console.log(`  new group's board: ${shownUrl}/b/${DEMO_BOARD_TOKEN} (edit link, no account needed)`);
		console.log(`  persona workshops: ${shownUrl}/staff/workshops (log in as begeleider); persona library ${shownUrl}/staff/personas/daw-plus`);
		console.log(`  finished workshop: ${FINISHED_WORKSHOP_CODE} (DAW+, 4 challenges, partners' responses, arena analysis, local addendum)`);
		console.log(`  new workshop:      code ${NEW_WORKSHOP_CODE}, phones at ${shownUrl}/t/${NEW_WORKSHOP_CODE}, projector ${shownUrl}/present/${NEW_WORKSHOP_CODE}`);
		console.log(`  partner link:      ${shownUrl}/partner/${DEMO_PARTNER_TOKEN} (enrichment response for 'Bibliotheek Opwijk', no account needed)`);
		console.log(`  you said, we did:  ${shownUrl}/wij-deden; a postcard followed to a plan decision: ${shownUrl}/k/DEM-ABA`);
		console.log(`  mail to residents: caught locally, read them at http://127.0.0.1:2526/messages.json`);
		console.log(`  staff login:       ${shownUrl}/login`);
		for (const a of DEMO_ACCOUNTS) console.log(`    ${a.role.padEnd(15)} ${a.email.padEnd(28)} ${a.password}`);
		console.log('Stop with Ctrl+C.\n');
	}
});
for (const sig of ['SIGINT', 'SIGTERM'])
	process.on(sig, () => {
		catcher.kill(sig);
		child.kill(sig);
	});
child.on('exit', (code) => {
	catcher.kill();
	process.exit(code ?? 0);
});
