/**
 * Every account the demo seeds (src/lib/server/seed: one per role, the councils' members) has an address
 * at DEMO_DOMAIN, and their passwords are in the README and the seed. They log in only while the server
 * runs the demo (MEESPRAAK_DEMO=1): a production start on a database the demo seeded refuses them (and
 * their sessions), and server.js warns about it loudly at start-up. `.demo` is not a real top-level
 * domain, so no real account can have such an address.
 */
export const DEMO_DOMAIN = '@meespraak.demo';

export function demoMode(env: Record<string, string | undefined> = process.env): boolean {
	return env.MEESPRAAK_DEMO === '1';
}

export function isDemoAccount(email: string): boolean {
	return email.trim().toLowerCase().endsWith(DEMO_DOMAIN);
}

/** True for a demo account on a server that does not run the demo. */
export function demoLoginRefused(email: string): boolean {
	return !demoMode() && isDemoAccount(email);
}
