// The baseline for `npm run bench:table`: a bare socket.io server (same version and options as the app's)
// that relays the same messages to the same rooms — acknowledgements, 'table:contribution' to the room,
// tallies and head counts at most every 150/300 ms, 'table:state' after an action — with no database,
// no validation and no sessions. What the app costs on top of this is what Meespraak adds.
// Usage: node bench/table-baseline.js <port>
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const server = http.createServer((req, res) => {
	res.writeHead(req.url === '/healthz' ? 200 : 404).end('ok');
});
const io = new Server(server, { path: '/socket.io', maxHttpBufferSize: 5e6, serveClient: false });

const tables = new Map(); // code -> { phase, count, tally: Map<phaseId, Map<contributionId, n>> }
let nextId = 0;
const table = (code) => {
	if (!tables.has(code)) tables.set(code, { phase: 1, count: 0, votes: new Map() });
	return tables.get(code);
};

const timers = new Map();
function throttled(key, gap, send) {
	const e = timers.get(key) ?? { last: 0, timer: null };
	timers.set(key, e);
	if (e.timer) return;
	const run = () => {
		e.timer = null;
		e.last = Date.now();
		send();
	};
	const wait = e.last + gap - Date.now();
	if (wait <= 0) run();
	else e.timer = setTimeout(run, wait);
}

io.on('connection', (socket) => {
	const on = (event, fn) =>
		socket.on(event, (payload, ack) => {
			const reply = typeof ack === 'function' ? ack : () => {};
			reply(fn(payload ?? {}));
		});
	on('table:watch', ({ code }) => {
		socket.join(`t:${code}`);
		socket.data.code = code;
		return { ok: true, snapshot: { table: { code } } };
	});
	on('table:facilitate', ({ code }) => {
		socket.join(`t:${code}`);
		socket.data.code = code;
		return { ok: true, snapshot: { table: { code } } };
	});
	on('table:join', ({ code }) => {
		socket.join(`t:${code}`);
		socket.data.code = code;
		const t = table(code);
		t.count++;
		throttled(`count:${code}`, 300, () => io.to(`t:${code}`).emit('table:count', { participantCount: t.count, groups: [] }));
		return { ok: true, participantToken: Math.random().toString(36).slice(2), snapshot: { table: { code } } };
	});
	on('table:contribute', ({ clientId, text, phaseId }) => {
		const code = socket.data.code;
		const contribution = { id: ++nextId, phaseId, groupId: null, text, status: 'visible', highlighted: false, mergedInto: null, byStaff: false, author: null, mine: false, createdAt: Date.now() };
		io.to(`t:${code}`).emit('table:contribution', { contribution });
		return { ok: true, contributionId: contribution.id, status: 'visible', phaseId, contribution: { ...contribution, mine: true }, clientId };
	});
	on('table:vote', ({ phaseId, votes }) => {
		const code = socket.data.code;
		const t = table(code);
		const mine = new Map();
		for (const v of votes ?? []) mine.set(v.contributionId, v.count);
		t.votes.set(socket.id, mine);
		throttled(`results:${code}:${phaseId}`, 150, () => {
			const byContribution = {};
			for (const m of t.votes.values()) for (const [id, n] of m) byContribution[id] = (byContribution[id] ?? 0) + n;
			io.to(`t:${code}`).emit('table:results', { phaseId, revealed: true, results: { byContribution, voters: t.votes.size } });
		});
		return { ok: true, used: votes?.length ?? 0, budget: 3 };
	});
	on('table:action', ({ type }) => {
		const code = socket.data.code;
		const t = table(code);
		if (type === 'next') t.phase++;
		io.to(`t:${code}`).emit('table:state', { table: { code, currentPhaseId: t.phase }, phases: [], groups: [], participantCount: t.count });
		return { ok: true, type, phaseId: t.phase };
	});
});

server.listen(port, '127.0.0.1', () => process.send?.({ cmd: 'ready' }));
