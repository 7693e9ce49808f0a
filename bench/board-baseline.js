// The baseline for `npm run bench:board`: the reference Yjs WebSocket server (@y/websocket-server 0.1.1),
// as it ships: `setupWSConnection` from '@y/websocket-server/utils' on a plain http server with a `ws`
// WebSocketServer, one shared Y.Doc per room (the URL path), every update relayed to every connection
// of the room, no persistence (YPERSISTENCE unset), no authentication, no checks, no acknowledgements.
// What Meespraak costs on top of this is what it adds: sessions, limits, and an fsync'd log.
// Usage: node bench/board-baseline.js <port>   (answers {cmd: 'ready'} over IPC once it listens)
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.argv[2]);
const server = http.createServer((req, res) => {
	res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

const stop = () => {
	for (const ws of wss.clients) ws.terminate();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop); // the bench went away
server.listen(port, '127.0.0.1', () => process.send?.({ cmd: 'ready' }));
