/**
 * The demo accounts (src/lib/server/seed/data/demo-accounts.json) have their passwords printed in the
 * README. They log in only while the server runs the demo (MEESPRAAK_DEMO=1): a production start on
 * a database the demo seeded refuses them, and server.js warns about it loudly at start-up.
 */
import demoAccounts from '../seed/data/demo-accounts.json';

export const DEMO_EMAILS: ReadonlySet<string> = new Set(demoAccounts.accounts.map((a) => a.email.toLowerCase()));

export function demoMode(env: Record<string, string | undefined> = process.env): boolean {
	return env.MEESPRAAK_DEMO === '1';
}

/** True for a demo account on a server that does not run the demo. */
export function demoLoginRefused(email: string): boolean {
	return !demoMode() && DEMO_EMAILS.has(email.trim().toLowerCase());
}
