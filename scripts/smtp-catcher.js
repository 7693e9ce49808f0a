#!/usr/bin/env node
// A local SMTP catcher for development, tests and the demo: nothing it receives leaves this machine.
// It accepts every message on 127.0.0.1:2525 (any sender, any recipient, login optional), stores each as
// a JSON file (and the raw .eml beside it) in a folder, and serves them at
// http://127.0.0.1:2526/messages.json (oldest first; DELETE on the same address empties the folder).
// A recipient whose local part starts with 'bounce' (bounce@example.org, bounce+1@…), or one listed in
// SMTP_CATCHER_REJECT (comma-separated), is refused with 550, the way a real server refuses a mailbox
// that does not exist: to try bounces.
//
//   node scripts/smtp-catcher.js
//   SMTP_CATCHER_PORT=2525 SMTP_CATCHER_HTTP_PORT=2526 SMTP_CATCHER_DIR=./data/mail node scripts/smtp-catcher.js
//
// The app sends to it by default in development, tests and the demo (SMTP_URL=smtp://127.0.0.1:2525).
// Tests start it in-process with startCatcher({ smtpPort: 0, httpPort: 0, dir }).
import { SMTPServer } from 'smtp-server';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';

// ---------------------------------------------------------------- a small MIME reader (what nodemailer sends)

function splitHead(raw) {
	const at = raw.search(/\r?\n\r?\n/);
	if (at < 0) return { head: raw, body: '' };
	const sep = raw.slice(at).match(/^\r?\n\r?\n/)[0];
	return { head: raw.slice(0, at), body: raw.slice(at + sep.length) };
}

function parseHeaders(head) {
	const out = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i <= 0) continue;
		const name = line.slice(0, i).trim().toLowerCase();
		if (!(name in out)) out[name] = line.slice(i + 1).trim();
	}
	return out;
}

function bytesToText(bytes, charset = 'utf-8') {
	try {
		return new TextDecoder(charset.toLowerCase()).decode(bytes);
	} catch {
		return new TextDecoder('utf-8').decode(bytes);
	}
}

function decodeQP(text) {
	const soft = text.replace(/=\r?\n/g, '');
	const bytes = [];
	for (let i = 0; i < soft.length; i++) {
		if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i], 'utf8'));
	}
	return Buffer.from(bytes);
}

/** =?UTF-8?Q?…?= and =?UTF-8?B?…?= in headers. */
export function decodeWords(value) {
	return String(value ?? '')
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset, enc, text) =>
			bytesToText(enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQP(text.replace(/_/g, ' ')), charset)
		);
}

function param(value, name) {
	const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value ?? '');
	return m ? (m[1] ?? m[2]) : null;
}

function decodeBody(body, headers) {
	const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	const charset = param(headers['content-type'], 'charset') ?? 'utf-8';
	if (cte === 'base64') return bytesToText(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
	if (cte === 'quoted-printable') return bytesToText(decodeQP(body), charset);
	return body;
}

/** The text and HTML parts of a message (first of each), walking nested multiparts. */
function parts(raw, found = { text: null, html: null }) {
	const { head, body } = splitHead(raw);
	const headers = parseHeaders(head);
	const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
	if (type.startsWith('multipart/')) {
		const boundary = param(headers['content-type'], 'boundary');
		if (!boundary) return found;
		const chunks = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
		for (const chunk of chunks.slice(1)) if (chunk.trim()) parts(chunk, found);
		return found;
	}
	if (type.startsWith('text/html') && found.html === null) found.html = decodeBody(body, headers);
	else if (type.startsWith('text/plain') && found.text === null) found.text = decodeBody(body, headers);
	return found;
}

export function parseMessage(raw) {
	const { head } = splitHead(raw);
	const headers = parseHeaders(head);
	const { text, html } = parts(raw);
	const decoded = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, decodeWords(v)]));
	return { subject: decoded.subject ?? '', from: decoded.from ?? '', to: decoded.to ?? '', headers: decoded, text: text ?? '', html: html ?? '' };
}

// ---------------------------------------------------------------- the catcher

function readMessages(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => {
			try {
				return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
			} catch {
				return null;
			}
		})
		.filter(Boolean)
		.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
}

function clearMessages(dir) {
	if (!fs.existsSync(dir)) return;
	for (const f of fs.readdirSync(dir)) if (f.endsWith('.json') || f.endsWith('.eml')) fs.rmSync(path.join(dir, f), { force: true });
}

/**
 * Starts the catcher. Port 0 picks a free port (tests). Resolves once both listen, with the ports,
 * `messages()` (what arrived, oldest first), `clear()` and `close()`.
 */
export async function startCatcher({ smtpPort = 2525, httpPort = 2526, dir = 'data/mail', reject = [] } = {}) {
	const folder = path.resolve(dir);
	fs.mkdirSync(folder, { recursive: true });
	const refused = new Set(reject.map((a) => a.trim().toLowerCase()).filter(Boolean));
	const isRefused = (address) => {
		const a = String(address).trim().toLowerCase();
		return refused.has(a) || /^bounce([+.][^@]*)?@/.test(a);
	};
	let seq = 0;
	const smtp = new SMTPServer({
		secure: false,
		disabledCommands: ['STARTTLS'],
		hideSTARTTLS: true,
		authOptional: true,
		allowInsecureAuth: true,
		logger: false,
		size: 5 * 1024 * 1024,
		banner: 'Meespraak SMTP catcher (nothing leaves this machine)',
		onAuth(auth, session, callback) {
			callback(null, { user: auth.username || 'catcher' });
		},
		onRcptTo(address, session, callback) {
			if (isRefused(address.address)) {
				const err = new Error(`5.1.1 <${address.address}>: mailbox unavailable`);
				err.responseCode = 550;
				return callback(err);
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('error', callback);
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const receivedAt = new Date().toISOString();
				const id = `${receivedAt.replace(/[:.]/g, '-')}-${String(++seq).padStart(4, '0')}-${crypto.randomBytes(3).toString('hex')}`;
				const parsed = parseMessage(raw);
				const message = {
					id,
					receivedAt,
					envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
					...parsed
				};
				try {
					fs.writeFileSync(path.join(folder, `${id}.eml`), raw);
					fs.writeFileSync(path.join(folder, `${id}.json`), JSON.stringify(message, null, '\t'));
				} catch (e) {
					return callback(e);
				}
				callback(null, `Queued as ${id}`);
			});
		}
	});
	smtp.on('error', (e) => console.error('SMTP catcher:', e.message));
	await new Promise((resolve, reject) => {
		smtp.server.once('error', reject);
		smtp.listen(smtpPort, HOST, () => resolve());
	});
	const web = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', `http://${HOST}`);
		const send = (status, body, type = 'application/json; charset=utf-8') => {
			res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
			res.end(body);
		};
		if (url.pathname === '/messages.json' && req.method === 'GET') return send(200, JSON.stringify(readMessages(folder)));
		if (url.pathname === '/messages.json' && req.method === 'DELETE') {
			clearMessages(folder);
			return send(200, '[]');
		}
		const one = /^\/messages\/([\w-]+)\.json$/.exec(url.pathname);
		if (one && req.method === 'GET') {
			const file = path.join(folder, `${one[1]}.json`);
			return fs.existsSync(file) ? send(200, fs.readFileSync(file, 'utf8')) : send(404, '{"error":"not found"}');
		}
		if (url.pathname === '/') return send(200, `Meespraak SMTP catcher: GET /messages.json (${readMessages(folder).length} messages), DELETE /messages.json empties it.\n`, 'text/plain; charset=utf-8');
		send(404, '{"error":"not found"}');
	});
	await new Promise((resolve, reject) => {
		web.once('error', reject);
		web.listen(httpPort, HOST, () => resolve());
	});
	return {
		smtpPort: smtp.server.address().port,
		httpPort: web.address().port,
		dir: folder,
		messages: () => readMessages(folder),
		clear: () => clearMessages(folder),
		close: () =>
			Promise.all([new Promise((r) => smtp.close(() => r())), new Promise((r) => web.close(() => r()))]).then(() => undefined)
	};
}

// Run as a program: `node scripts/smtp-catcher.js`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const env = process.env;
	const catcher = await startCatcher({
		smtpPort: Number(env.SMTP_CATCHER_PORT || 2525),
		httpPort: Number(env.SMTP_CATCHER_HTTP_PORT || 2526),
		dir: env.SMTP_CATCHER_DIR || 'data/mail',
		reject: (env.SMTP_CATCHER_REJECT || '').split(',')
	}).catch((e) => {
		console.error(`The SMTP catcher could not start: ${e.message}. Is another one running on these ports? Set SMTP_CATCHER_PORT and SMTP_CATCHER_HTTP_PORT to use others.`);
		process.exit(1);
	});
	console.log(`SMTP catcher: smtp://${HOST}:${catcher.smtpPort}, messages at http://${HOST}:${catcher.httpPort}/messages.json (stored in ${catcher.dir})`);
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => catcher.close().then(() => process.exit(0)));
}
