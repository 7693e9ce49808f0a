// Simulated phones for `npm run bench:table`, in their own process (forked by bench/table.js, driven over IPC).
// Each phone is its own socket.io connection (websocket transport), joins a table by code, then
// contributes and votes at the pace the parent asks for. A contribution's text carries its send time
// (`@<epoch ms>`) so the projector, in another process on the same clock, can measure send → receipt.
import { io } from 'socket.io-client';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waiting times of a Poisson process: people do not type in step. */
const expo = (mean) => -Math.log(1 - Math.random()) * mean;

/** @type {{ socket: import('socket.io-client').Socket, code: string, index: number, received: number }[]} */
const phones = [];
let received = 0;

function emit(socket, event, payload) {
	return new Promise((resolve) => {
		socket.timeout(30_000).emit(event, payload, (err, reply) => resolve(err ? { ok: false, error: 'timeout' } : reply));
	});
}

async function joinAll({ url, codes, phonesPerTable, rampMs }) {
	const total = codes.length * phonesPerTable;
	const joinMs = [];
	const errors = {};
	const started = now();
	await Promise.all(
		Array.from({ length: total }, async (_, i) => {
			await sleep((i / total) * rampMs);
			const code = codes[i % codes.length];
			const t0 = now();
			const socket = io(url, { transports: ['websocket'], reconnection: true, forceNew: true, timeout: 30_000 });
			const phone = { socket, code, index: i, received: 0 };
			for (const event of ['table:contribution', 'table:contributions', 'table:results', 'table:count', 'table:state', 'table:removed'])
				socket.on(event, () => {
					received++;
				});
			await new Promise((resolve) => {
				socket.once('connect', resolve);
				socket.once('connect_error', resolve);
			});
			const reply = await emit(socket, 'table:join', { code, name: i % 3 === 0 ? undefined : `Telefoon ${i}` });
			if (reply?.ok) {
				joinMs.push(now() - t0);
				phones.push(phone);
			} else errors[reply?.error ?? 'no_reply'] = (errors[reply?.error ?? 'no_reply'] ?? 0) + 1;
		})
	);
	return { joined: phones.length, joinMs, errors, allJoinedMs: now() - started };
}

async function contribute({ durationMs, paceMs, phaseIds }) {
	const ackMs = [];
	const errors = {};
	let sent = 0;
	const end = now() + durationMs;
	await Promise.all(
		phones.map(async (phone) => {
			let n = 0;
			for (;;) {
				const wait = expo(paceMs);
				// A long draw past the end would keep the run going for nothing.
				if (now() + wait >= end) return;
				await sleep(wait);
				const t0 = now();
				n++;
				sent++;
				const text = `Idee ${phone.index}.${n}: meer bankjes en schaduw op het plein @${t0.toFixed(3)}`;
				const reply = await emit(phone.socket, 'table:contribute', { clientId: `b-${phone.index}-${n}`, text, phaseId: phaseIds[phone.code] });
				if (reply?.ok) ackMs.push(now() - t0);
				else errors[reply?.error ?? 'no_reply'] = (errors[reply?.error ?? 'no_reply'] ?? 0) + 1;
			}
		})
	);
	return { sent, ackMs, errors };
}

/** Each phone puts its dots on random contributions, then changes its mind once (a re-vote replaces the first). */
async function vote({ durationMs, phaseIds, candidates, dots, rounds }) {
	const ackMs = [];
	const errors = {};
	let sent = 0;
	await Promise.all(
		phones.map(async (phone) => {
			const pool = candidates[phone.code] ?? [];
			for (let round = 0; round < rounds; round++) {
				await sleep(Math.random() * (durationMs / rounds));
				const tally = new Map();
				for (let d = 0; d < dots && pool.length; d++) {
					const id = pool[Math.floor(Math.random() * pool.length)];
					tally.set(id, (tally.get(id) ?? 0) + 1);
				}
				const votes = [...tally].map(([contributionId, count]) => ({ contributionId, count }));
				const t0 = now();
				sent++;
				const reply = await emit(phone.socket, 'table:vote', { phaseId: phaseIds[phone.code], votes });
				if (reply?.ok) ackMs.push(now() - t0);
				else errors[reply?.error ?? 'no_reply'] = (errors[reply?.error ?? 'no_reply'] ?? 0) + 1;
			}
		})
	);
	return { sent, ackMs, errors };
}

process.on('message', async (msg) => {
	try {
		if (msg.cmd === 'join') process.send({ cmd: 'join', ...(await joinAll(msg)) });
		else if (msg.cmd === 'contribute') process.send({ cmd: 'contribute', ...(await contribute(msg)) });
		else if (msg.cmd === 'vote') process.send({ cmd: 'vote', ...(await vote(msg)) });
		else if (msg.cmd === 'received') process.send({ cmd: 'received', received });
		else if (msg.cmd === 'close') {
			for (const p of phones) p.socket.close();
			process.send({ cmd: 'close' });
			setTimeout(() => process.exit(0), 100);
		}
	} catch (e) {
		process.send({ cmd: 'error', error: String(e?.stack ?? e) });
	}
});
process.send({ cmd: 'ready' });
