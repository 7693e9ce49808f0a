/**
 * A message budget per socket connection (say 20 per 10 s), from an environment setting in the
 * rate-limit notation ('20/10s', 'off'). Counted in memory: it belongs to one connection on one node.
 */
import { parseRateLimit, type RateLimit } from '../ratelimit';

/** Answers a check to call once per message: false once the connection is over its budget for this window. */
export function connectionLimit(envName: string, fallback: RateLimit): () => boolean {
	let limit: RateLimit | null;
	try {
		limit = parseRateLimit(process.env[envName], fallback);
	} catch {
		limit = fallback;
	}
	let windowStart = 0;
	let count = 0;
	return () => {
		if (!limit) return true;
		const now = Date.now();
		if (now - windowStart >= limit.windowMs) {
			windowStart = now;
			count = 0;
		}
		return ++count <= limit.max;
	};
}
