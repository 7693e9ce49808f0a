import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Role } from '../db/schema';
import { hasRole, type StaffUser } from '.';

/**
 * Every staff page and action calls this on the server. Someone without a session is sent to the
 * login page (and back afterwards); a logged-in user without the role gets a 403.
 */
export function requireStaff(event: Pick<RequestEvent, 'locals' | 'url'>, ...roles: Role[]): StaffUser {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	if (roles.length > 0 && !hasRole(user, ...roles)) error(403, m.error_forbidden());
	return user;
}
