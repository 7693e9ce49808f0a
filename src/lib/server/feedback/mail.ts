/**
 * Telling residents who left an email what became of their input: a signal it backs got council
 * advice, a decision, or the city's answer. The outbox is the `notifications` table: rows are written in
 * the same transaction as the change (queueNotificationsIn), sent afterwards by the worker
 * (sendPending), retried with backoff, and marked sent, failed, bounced or cancelled. Every message is in
 * the contact's language, says in plain words what happened, links to the tracking page (postcards) or
 * the table's public page, and ends with the one-click stop link (unsubscribe.ts).
 *
 * Settings: SMTP_URL (smtp://user:pass@host:port, smtps://… for TLS), or SMTP_HOST, SMTP_PORT (587),
 * SMTP_USER, SMTP_PASS, SMTP_SECURE (1: TLS from the start, the default on port 465); MAIL_FROM; ORIGIN
 * for the links. In development, tests and the demo (NODE_ENV development/test, vitest, MEESPRAAK_DEMO=1)
 * mail only ever goes to a server on this machine, by default the catcher `scripts/smtp-catcher.js` on
 * smtp://127.0.0.1:2525: a remote server is refused there. In production without SMTP settings mail is
 * off: rows wait in the outbox, nothing is lost.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { getDb, schema, transaction, type Db } from '../db';
import { isEmail } from '../refusal';
import { isLocale, textDirection, type Locale } from '../../i18n';
import { signalFacts, viewSignal, type SignalView } from './chain';
import { stopUrl, type ContactKind } from './unsubscribe';
import { applyRetention } from './privacy';

export type NotificationEvent = 'advised' | 'decided' | 'feedback';
export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['advised', 'decided', 'feedback'];

const nt = schema.notifications;
const pc = schema.postcardContacts;
const tc = schema.tableContacts;

/** Wait before attempt n+1 (counted from when the row was written): 0, 1 min, 5 min, 30 min, 2 h, 6 h, 24 h. */
export const BACKOFF_MS = [0, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 24 * 3_600_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length;
export const DEFAULT_CATCHER_URL = 'smtp://127.0.0.1:2525';

// ---------------------------------------------------------------- settings and transport

type Env = Record<string, string | undefined>;

/** Development, tests and the demo: mail stays on this machine. */
export function localOnly(env: Env = process.env): boolean {
	return env.NODE_ENV === 'development' || env.NODE_ENV === 'test' || !!env.VITEST || env.MEESPRAAK_DEMO === '1';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export type MailSettings =
	| { on: true; url: string; host: string; from: string; origin: string; options: Record<string, unknown> }
	| { on: false; why: string };

/** What the environment says about sending mail. Never throws: a problem turns mail off, with the reason. */
export function mailSettings(env: Env = process.env): MailSettings {
	const local = localOnly(env);
	let options: Record<string, unknown>;
	let host: string;
	let url: string;
	if (env.SMTP_URL?.trim() || (!env.SMTP_HOST?.trim() && local)) {
		url = env.SMTP_URL?.trim() || DEFAULT_CATCHER_URL;
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			return { on: false, why: `SMTP_URL is not a URL (smtp://host:port): ${url.replace(/\/\/[^@]*@/, '//…@')}` };
		}
		if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') return { on: false, why: 'SMTP_URL must start with smtp:// or smtps://' };
		host = parsed.hostname;
		options = { url };
	} else if (env.SMTP_HOST?.trim()) {
		host = env.SMTP_HOST.trim();
		const port = Number(env.SMTP_PORT || 587);
		if (!Number.isInteger(port) || port <= 0 || port > 65535) return { on: false, why: `SMTP_PORT is not a port number: ${env.SMTP_PORT}` };
		const secure = env.SMTP_SECURE ? env.SMTP_SECURE === '1' || env.SMTP_SECURE === 'true' : port === 465;
		options = { host, port, secure, ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } } : {}) };
		url = `${secure ? 'smtps' : 'smtp'}://${host}:${port}`;
	} else return { on: false, why: 'no SMTP_URL or SMTP_HOST is set' };
	if (local && !LOOPBACK.has(host)) return { on: false, why: `in development, tests and the demo mail only goes to this machine (a catcher such as scripts/smtp-catcher.js), not to ${host}` };
	const from = env.MAIL_FROM?.trim() || (local ? 'Meespraak <meespraak@localhost>' : '');
	if (!from) return { on: false, why: 'MAIL_FROM is not set' };
	// The catcher speaks plain SMTP; a real server negotiates TLS as usual.
	if (LOOPBACK.has(host)) options.ignoreTLS = true;
	const port = env.PORT || '3000';
	const origin = (env.ORIGIN?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
	return { on: true, url, host, from, origin, options: { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, ...options } };
}

let transport: { key: string; t: Transporter } | null = null;

function transporter(settings: Extract<MailSettings, { on: true }>): Transporter {
	const key = JSON.stringify(settings.options);
	if (transport?.key !== key) {
		transport?.t.close();
		transport = { key, t: nodemailer.createTransport(settings.options as never) };
	}
	return transport.t;
}

/** For tests (and a changed environment): forget the transport made so far. */
export function resetMailTransport(): void {
	transport?.t.close();
	transport = null;
}

// ---------------------------------------------------------------- queueing

/**
 * Writes one notification row for every contact whose input backs the signal, inside the caller's
 * transaction (call it from lifecycle's decide, adviseIn, publishFeedback). Postcard contacts: the
 * postcards that are evidence for the signal. Table contacts: participants of a table whose
 * contributions (or whose boards' notes) are evidence, one per address per table (two phones, one
 * person). The unique index makes a second call for the same contact and event a no-op.
 */
export function queueNotificationsIn(tx: Db, signalId: number, event: NotificationEvent, now = new Date()): number {
	const postcards = tx.all<{ id: number; locale: string }>(sql`
		select pc.postcard_id as id, p.locale as locale from signal_evidence e
		join postcard_contacts pc on pc.postcard_id = e.source_id
		join postcards p on p.id = e.source_id
		where e.signal_id = ${signalId} and e.source_type = 'postcard'
		order by pc.postcard_id`);
	const tables = tx.all<{ id: number; tableId: number; email: string; locale: string }>(sql`
		select tc.participant_id as id, tc.table_id as tableId, tc.email as email, t.locale as locale from table_contacts tc
		join dialogue_tables t on t.id = tc.table_id
		where tc.table_id in (
			select co.table_id from signal_evidence e join table_contributions co on co.id = e.source_id
				where e.signal_id = ${signalId} and e.source_type = 'table_contribution'
			union select b.table_id from signal_evidence e join board_notes bn on bn.id = e.source_id join boards b on b.id = bn.board_id
				where e.signal_id = ${signalId} and e.source_type = 'board_note' and b.table_id is not null)
		order by tc.participant_id`);
	const seen = new Set<string>();
	const rows: (typeof nt.$inferInsert)[] = [];
	const localeOf = (l: string): Locale => (isLocale(l) ? l : 'nl');
	for (const p of postcards) rows.push({ contactKind: 'postcard', contactId: p.id, signalId, event, locale: localeOf(p.locale), createdAt: now });
	for (const t of tables) {
		const key = `${t.tableId}:${t.email.trim().toLowerCase()}`;
		if (seen.has(key)) continue;
		seen.add(key);
		rows.push({ contactKind: 'table', contactId: t.id, signalId, event, locale: localeOf(t.locale), createdAt: now });
	}
	let queued = 0;
	// In chunks: SQLite limits the number of parameters of one statement.
	for (let i = 0; i < rows.length; i += 100) queued += tx.insert(nt).values(rows.slice(i, i + 100)).onConflictDoNothing().run().changes;
	return queued;
}

/** queueNotificationsIn in a transaction of its own. */
export async function queueNotifications(signalId: number, event: NotificationEvent): Promise<{ queued: number }> {
	return { queued: await transaction((tx) => queueNotificationsIn(tx, signalId, event)) };
}

// ---------------------------------------------------------------- bounces

/**
 * An address bounced (the server refused it, or a bounce report came back): the waiting messages of
 * every contact with that address are marked bounced, so is the last one that went out to it, and the
 * contacts are deleted, so the address is never mailed again.
 */
export function handleBounceIn(tx: Db, address: string): { contacts: number; notifications: number } {
	const addr = address.trim().toLowerCase();
	if (!addr) return { contacts: 0, notifications: 0 };
	const postcardIds = tx.select({ id: pc.postcardId }).from(pc).where(sql`lower(${pc.email}) = ${addr}`).all().map((r) => r.id);
	const participantIds = tx.select({ id: tc.participantId }).from(tc).where(sql`lower(${tc.email}) = ${addr}`).all().map((r) => r.id);
	let notifications = 0;
	for (const [kind, ids] of [['postcard', postcardIds], ['table', participantIds]] as const) {
		if (!ids.length) continue;
		// A bounce report arrives after the message went out: the last one sent to each contact bounced.
		notifications += tx.run(sql`update notifications set status = 'bounced', last_error = 'bounced'
			where id in (select max(id) from notifications where contact_kind = ${kind} and status = 'sent' and contact_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) group by contact_id)
			and not exists (select 1 from notifications b where b.contact_kind = ${kind} and b.contact_id = notifications.contact_id and b.status = 'bounced')`).changes;
		notifications += tx
			.update(nt)
			.set({ status: 'bounced', lastError: 'bounced' })
			.where(and(eq(nt.contactKind, kind), inArray(nt.contactId, ids), eq(nt.status, 'pending')))
			.run().changes;
	}
	const contacts =
		(postcardIds.length ? tx.delete(pc).where(inArray(pc.postcardId, postcardIds)).run().changes : 0) +
		(participantIds.length ? tx.delete(tc).where(inArray(tc.participantId, participantIds)).run().changes : 0);
	return { contacts, notifications };
}

/** handleBounceIn in a transaction of its own (for whoever reads bounce reports). */
export async function handleBounce(address: string): Promise<{ contacts: number; notifications: number }> {
	return transaction((tx) => handleBounceIn(tx, address));
}

/** The server refused this recipient for good (550 no such mailbox, 551, 553 bad address); 552 (full) is retried. */
export function isRecipientBounce(err: unknown): boolean {
	const e = err as { code?: string; command?: string; responseCode?: number; rejected?: string[] };
	const code = e?.responseCode ?? 0;
	const recipient = e?.code === 'EENVELOPE' || /RCPT/i.test(e?.command ?? '') || (e?.rejected?.length ?? 0) > 0;
	return recipient && (code === 550 || code === 551 || code === 553);
}

// ---------------------------------------------------------------- the message

export type Message = { subject: string; text: string; html: string; stopUrl: string; linkUrl: string };

/**
 * Headers of every message: the stop link as RFC 2369 List-Unsubscribe, and RFC 8058's
 * List-Unsubscribe-Post so that mail programs stop with one POST (routes/stop/[token]/one-click)
 * instead of opening the link (a GET, which only shows the confirmation page).
 */
export function messageHeaders(message: Pick<Message, 'stopUrl'>, notificationId: number): Record<string, string> {
	return {
		'List-Unsubscribe': `<${message.stopUrl}>`,
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
		'Auto-Submitted': 'auto-generated',
		'X-Meespraak-Notification': String(notificationId)
	};
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What happened, as lines, for one event. */
function newsLines(view: SignalView, event: NotificationEvent, locale: Locale): string[] {
	const o = { locale };
	const lines: string[] = [];
	if (event === 'advised') {
		lines.push(...view.advice.map((a) => a.text));
		if (!view.decision) lines.push(view.statusText);
	}
	if ((event === 'decided' || event === 'feedback') && view.decision) {
		const d = view.decision;
		lines.push(d.headline, ...d.lines);
		if (d.fromResidents) lines.push(m.feedback_decision_from_residents({}, o));
		if (d.reason) lines.push(`${m.feedback_decision_why({}, o)} ${d.reason}`);
	}
	if (event === 'feedback' && view.feedback) lines.push(`${view.feedback.heading}:`, view.feedback.message);
	if (!lines.length) lines.push(view.statusText);
	return lines;
}

/** The message for one contact: subject, plain text and simple HTML (right to left in Arabic). */
export function composeMessage(input: {
	locale: Locale;
	event: NotificationEvent;
	view: SignalView;
	origin: string;
	contact: { kind: ContactKind; id: number; postcardCode?: string | null; table?: { code: string; title: string } | null };
}): Message {
	const { locale, event, view, origin, contact } = input;
	const o = { locale };
	const subject =
		event === 'advised' ? m.feedback_mail_subject_advised({}, o) : event === 'decided' ? m.feedback_mail_subject_decided({}, o) : m.feedback_mail_subject_feedback({}, o);
	const linkUrl = contact.kind === 'postcard' ? `${origin}/k/${contact.postcardCode}` : `${origin}/wij-deden/tafel/${contact.table?.code}`;
	const stop = stopUrl(origin, { kind: contact.kind, id: contact.id });
	const intro =
		contact.kind === 'postcard'
			? m.feedback_mail_postcard({ code: contact.postcardCode ?? '', title: view.title }, o)
			: m.feedback_mail_table({ table: contact.table?.title ?? '', title: view.title }, o);
	const news = newsLines(view, event, locale);
	const readMore = contact.kind === 'postcard' ? m.feedback_mail_read_postcard({}, o) : m.feedback_mail_read_table({}, o);
	const text = [
		m.feedback_mail_hello({}, o),
		'',
		intro,
		'',
		m.feedback_mail_news({}, o),
		...news.map((l) => `- ${l}`),
		'',
		readMore,
		linkUrl,
		'',
		m.feedback_mail_signoff({}, o),
		'',
		'--',
		m.feedback_mail_why({}, o),
		m.feedback_mail_stop({}, o),
		stop,
		''
	].join('\n');
	const dir = textDirection(locale);
	const p = (s: string) => `<p style="margin:0 0 1em">${esc(s)}</p>`;
	const a = (href: string, s: string) => `<p style="margin:0 0 1em"><a href="${esc(href)}" style="font-size:1.1em">${esc(s)}</a></p>`;
	const html = `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:18px;line-height:1.5;color:#111827;max-width:36em;margin:0 auto;padding:1em">
${p(m.feedback_mail_hello({}, o))}${p(intro)}
<p style="margin:0 0 0.5em;font-weight:bold">${esc(m.feedback_mail_news({}, o))}</p>
<ul style="margin:0 0 1em;padding-inline-start:1.2em">${news.map((l) => `<li dir="auto">${esc(l)}</li>`).join('')}</ul>
${p(readMore)}${a(linkUrl, linkUrl)}${p(m.feedback_mail_signoff({}, o))}
<hr style="border:0;border-top:1px solid #d1d5db;margin:1.5em 0">
<p style="margin:0 0 1em;font-size:0.9em;color:#4b5563">${esc(m.feedback_mail_why({}, o))}</p>
<p style="margin:0 0 1em;font-size:0.9em">${esc(m.feedback_mail_stop({}, o))}</p>${a(stop, stop)}
</body></html>`;
	return { subject, text, html, stopUrl: stop, linkUrl };
}

// ---------------------------------------------------------------- sending

export type SendSummary = { sent: number; failed: number; bounced: number; cancelled: number; retrying: number; mail: 'on' | 'off'; why?: string };

/** The backoff of a row as SQL: the row may go out once created_at + BACKOFF_MS[attempts] has passed. */
const dueAt = sql.raw(`(created_at + case attempts ${BACKOFF_MS.map((ms, i) => `when ${i} then ${ms}`).join(' ')} else ${BACKOFF_MS.at(-1)} end)`);

/**
 * Sends up to `limit` waiting messages whose backoff has passed. Each attempt is claimed first (the
 * attempt counter moves in the same update, so two workers never send one attempt twice), then:
 * the contact is gone → cancelled; a malformed address → failed, never sent; sent → sent; the server
 * refused the address for good → bounced (handleBounce); anything else → retried later, failed after
 * MAX_ATTEMPTS.
 */
export async function sendPending(limit = 20, now = new Date(), env: Env = process.env): Promise<SendSummary> {
	const summary: SendSummary = { sent: 0, failed: 0, bounced: 0, cancelled: 0, retrying: 0, mail: 'on' };
	const settings = mailSettings(env);
	if (!settings.on) return { ...summary, mail: 'off', why: settings.why };
	const db = getDb();
	const due = await db
		.select()
		.from(nt)
		.where(and(eq(nt.status, 'pending'), sql`${dueAt} <= ${now.getTime()}`))
		.orderBy(nt.id)
		.limit(limit);
	if (!due.length) return summary;

	// Everything the messages need, in a handful of queries for the whole batch.
	const postcardIds = due.filter((n) => n.contactKind === 'postcard').map((n) => n.contactId);
	const participantIds = due.filter((n) => n.contactKind === 'table').map((n) => n.contactId);
	const [postcardContacts, tableContacts, facts] = await Promise.all([
		postcardIds.length
			? db.select({ id: pc.postcardId, email: pc.email, code: schema.postcards.code }).from(pc).innerJoin(schema.postcards, eq(schema.postcards.id, pc.postcardId)).where(inArray(pc.postcardId, postcardIds))
			: [],
		participantIds.length
			? db
					.select({ id: tc.participantId, email: tc.email, code: schema.dialogueTables.code, title: schema.dialogueTables.title })
					.from(tc)
					.innerJoin(schema.dialogueTables, eq(schema.dialogueTables.id, tc.tableId))
					.where(inArray(tc.participantId, participantIds))
			: [],
		signalFacts([...new Set(due.map((n) => n.signalId))])
	]);
	const byPostcard = new Map(postcardContacts.map((c) => [c.id, c]));
	const byParticipant = new Map(tableContacts.map((c) => [c.id, c]));
	const factsById = new Map(facts.map((f) => [f.id, f]));
	const t = transporter(settings);

	for (const n of due) {
		// Claim this attempt: nobody else sends it now.
		const claimed = await db
			.update(nt)
			.set({ attempts: n.attempts + 1 })
			.where(and(eq(nt.id, n.id), eq(nt.status, 'pending'), eq(nt.attempts, n.attempts)))
			.run();
		if (claimed.changes !== 1) continue;
		const attempts = n.attempts + 1;
		const postcardContact = n.contactKind === 'postcard' ? byPostcard.get(n.contactId) : undefined;
		const tableContact = n.contactKind === 'table' ? byParticipant.get(n.contactId) : undefined;
		const contact = postcardContact ?? tableContact;
		// Re-read: the contact may have been deleted since the batch was read.
		const stillThere =
			contact &&
			(n.contactKind === 'postcard'
				? await db.select({ id: pc.postcardId }).from(pc).where(eq(pc.postcardId, n.contactId)).get()
				: await db.select({ id: tc.participantId }).from(tc).where(eq(tc.participantId, n.contactId)).get());
		if (!contact || !stillThere) {
			await db.update(nt).set({ status: 'cancelled', lastError: 'contact_deleted' }).where(eq(nt.id, n.id));
			summary.cancelled++;
			continue;
		}
		const email = contact.email.trim();
		if (!isEmail(email)) {
			await db.update(nt).set({ status: 'failed', lastError: 'malformed_address' }).where(eq(nt.id, n.id));
			summary.failed++;
			continue;
		}
		const f = factsById.get(n.signalId);
		if (!f) {
			await db.update(nt).set({ status: 'cancelled', lastError: 'signal_gone' }).where(eq(nt.id, n.id));
			summary.cancelled++;
			continue;
		}
		const locale: Locale = isLocale(n.locale) ? n.locale : 'nl';
		const message = composeMessage({
			locale,
			event: n.event,
			view: viewSignal(f, locale),
			origin: settings.origin,
			contact: tableContact
				? { kind: 'table', id: n.contactId, table: { code: tableContact.code, title: tableContact.title } }
				: { kind: 'postcard', id: n.contactId, postcardCode: postcardContact!.code }
		});
		try {
			await t.sendMail({
				from: settings.from,
				to: email,
				subject: message.subject,
				text: message.text,
				html: message.html,
				textEncoding: 'base64',
				headers: messageHeaders(message, n.id)
			});
			await db.update(nt).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(nt.id, n.id));
			summary.sent++;
		} catch (err) {
			const why = String((err as Error)?.message ?? err).slice(0, 500);
			if (isRecipientBounce(err)) {
				await transaction((tx) => {
					tx.update(nt).set({ status: 'bounced', lastError: why }).where(eq(nt.id, n.id)).run();
					handleBounceIn(tx, email);
				});
				summary.bounced++;
			} else if (attempts >= MAX_ATTEMPTS) {
				await db.update(nt).set({ status: 'failed', lastError: why }).where(eq(nt.id, n.id));
				summary.failed++;
			} else {
				await db.update(nt).set({ lastError: why }).where(eq(nt.id, n.id));
				summary.retrying++;
			}
		}
	}
	return summary;
}

// ---------------------------------------------------------------- the worker

const WORKER_KEY = Symbol.for('meespraak.mailWorker');
const store = globalThis as unknown as { [WORKER_KEY]?: { stop: () => void } };

/**
 * Starts the outbox worker once per process: every `intervalMs` (MAIL_WORKER_INTERVAL_MS, 15 s) it sends
 * what is due; every six hours it applies the contact retention. The timer does not keep the process
 * alive. Returns a function that stops it. Says once, in a sentence, when mail is off and why.
 */
export function startMailWorker(opts: { intervalMs?: number; retentionEveryMs?: number; batch?: number } = {}): () => void {
	if (store[WORKER_KEY]) return store[WORKER_KEY].stop;
	const intervalMs = opts.intervalMs ?? (Number(process.env.MAIL_WORKER_INTERVAL_MS) || 15_000);
	const retentionEveryMs = opts.retentionEveryMs ?? 6 * 3_600_000;
	let running = false;
	let lastRetention = 0;
	let saidOff = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			if (Date.now() - lastRetention >= retentionEveryMs) {
				lastRetention = Date.now();
				const r = await applyRetention();
				if (r.postcardContacts || r.tableContacts) console.log(`Contact retention: deleted ${r.postcardContacts} postcard and ${r.tableContacts} table contact(s).`);
			}
			let r: SendSummary;
			do {
				r = await sendPending(opts.batch ?? 20);
				if (r.mail === 'off' && !saidOff) {
					saidOff = true;
					console.log(`Mail to residents is off (${r.why}); messages wait in the outbox.`);
				}
			} while (r.mail === 'on' && r.sent + r.failed + r.bounced + r.cancelled >= (opts.batch ?? 20));
		} catch (e) {
			console.error('Mail worker:', e);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	const first = setTimeout(tick, 1_000);
	first.unref();
	const stop = () => {
		clearInterval(timer);
		clearTimeout(first);
		delete store[WORKER_KEY];
	};
	store[WORKER_KEY] = { stop };
	return stop;
}
