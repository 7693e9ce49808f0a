import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { textDirection } from '$lib/i18n';
import { openDatabase } from '$lib/server/db';
import { bootstrapAdmin, SESSION_COOKIE, validateSession } from '$lib/server/auth';
import { getIO, setupRealtime } from '$lib/server/realtime';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { applySecurityHeaders, securityOptions } from '$lib/server/security/headers';

export const init: ServerInit = async () => {
	openDatabase();
	securityOptions(); // reads EMBED_ORIGINS and HSTS_MAX_AGE now, so a wrong value is told at start-up
	if ((await bootstrapAdmin()) === 'created') console.log(`Created the first admin account: ${process.env.MEESPRAAK_ADMIN_EMAIL}`);
	if (process.env.MEESPRAAK_DEMO === '1') {
		const { seedDemo } = await import('$lib/server/seed');
		await seedDemo();
	}
	const io = getIO();
	if (io) setupRealtime(io);
	// Messages to residents wait in the database outbox; this sends them (and applies the retention).
	const { startMailWorker } = await import('$lib/server/feedback/mail');
	startMailWorker();
};

/** JSON endpoints render no page and pass their language to every message explicitly. */
const NO_PAGE = /^\/(api\/|healthz$)/;

const handleParaglide: Handle = ({ event, resolve }) => {
	if (NO_PAGE.test(event.url.pathname)) {
		// The middleware clones each request to carry the language; JSON answers only need the language.
		event.locals.locale = extractLocaleFromRequest(event.request);
		return resolve(event);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale))
		});
	});
};

const handleSession: Handle = async ({ event, resolve }) => {
	const io = getIO();
	if (io) setupRealtime(io);
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSession(token);
		if (session) {
			event.locals.user = session.user;
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const response = await resolve(event);
	applySecurityHeaders(event.url, response.headers);
	return response;
};

export const handle = sequence(handleSession, handleParaglide);
