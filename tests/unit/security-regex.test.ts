/**
 * No regular expression in src/ may backtrack badly. Every regex literal (in .ts, .js and .svelte files)
 * and every pattern built with `new RegExp` (captured while its module loads) is checked with recheck, a
 * ReDoS checker (automata theory where it can, a fuzzer for lookarounds and back-references), in its
 * pure-JavaScript build. A pattern is accepted when recheck says 'safe' (linear). recheck's fuzzer models
 * lookbehinds by re-reading the text from its start, so for patterns with lookarounds or back-references
 * its 'vulnerable' (and a 'timeout') is checked in V8 itself: recheck's attack string (or, without one,
 * pumps built from the pattern's own words and common characters) at 1,000 and 4,000 characters; time
 * that grows more than 8-fold (quadratic: 16-fold) is super-linear and fails. The few polynomial ones
 * listed in BOUNDED only ever see short input from the operator or from this app itself.
 *
 * recheck takes seconds per pattern with lookarounds, so verdicts are kept in
 * tests/unit/data/regex-verdicts.json by pattern, flags and recheck version: a new or changed pattern is
 * always checked live. `REGEX_RECHECK=all` checks everything again, `REGEX_RECHECK=write` stores the verdicts.
 */
import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'svelte/compiler';

process.env.RECHECK_SYNC_BACKEND = 'pure';
const { checkSync } = await import('recheck');
const RECHECK_VERSION: string = JSON.parse(fs.readFileSync('node_modules/recheck/package.json', 'utf8')).version;
const CACHE_FILE = 'tests/unit/data/regex-verdicts.json';

type Found = { file: string; pattern: string; flags: string };
type Verdict = { status: string; complexity?: string; degree?: number; pumps?: { prefix: string; pump: string }[]; suffix?: string; error?: string };

/**
 * Polynomial patterns whose input is bounded and never a visitor's: where it comes from, its longest
 * length, and why. Anything else recheck does not call safe fails this test.
 */
const BOUNDED: { file: string; pattern: string; maxLength: number; why: string }[] = [
	{ file: 'src/lib/server/db/index.ts', pattern: '\\/\\/[^@]*@', maxLength: 1000, why: 'DATABASE_URL from the environment (hides its password in messages)' },
	{ file: 'src/lib/server/feedback/mail.ts', pattern: '\\/\\/[^@]*@', maxLength: 1000, why: 'SMTP_URL from the environment' },
	{ file: 'src/lib/server/feedback/mail.ts', pattern: '\\/+$', maxLength: 1000, why: 'ORIGIN from the environment' },
	{ file: 'src/lib/server/feedback/unsubscribe.ts', pattern: '\\/+$', maxLength: 1000, why: 'the site origin from the environment' },
	{ file: 'src/lib/server/ratelimit/index.ts', pattern: '^(\\d+)\\s*\\/\\s*(\\d+)?\\s*(ms|s|m|h|d)$', maxLength: 1000, why: 'rate-limit settings from the environment' },
	{ file: 'src/lib/server/refusal.ts', pattern: '^[^\\s@]{1,64}@[^\\s@]{1,255}\\.[^\\s@]{2,}$', maxLength: 320, why: 'isEmail tests the length (320) first' },
	{ file: 'src/lib/boards/export.js', pattern: 'viewBox="[^"]*?([\\d.]+)\\s+([\\d.]+)"', maxLength: 200, why: 'the SVG this module wrote itself, in the browser' }
];

const SRC = 'src';
const SKIP_DIRS = new Set(['src/lib/paraglide']);

function sourceFiles(dir: string, out: string[] = []): string[] {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) {
			if (!SKIP_DIRS.has(p)) sourceFiles(p, out);
		} else if (/\.(ts|js|svelte)$/.test(e.name)) out.push(p);
	}
	return out;
}

/** Regex literals and the files that call RegExp with a pattern computed at run time. */
function scan(): { literals: Found[]; dynamic: Map<string, number> } {
	const literals: Found[] = [];
	const dynamic = new Map<string, number>();
	const visitTs = (file: string, code: string, kind: ts.ScriptKind) => {
		const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, kind);
		const walk = (n: ts.Node) => {
			if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
				const t = (n as ts.RegularExpressionLiteral).text;
				const end = t.lastIndexOf('/');
				literals.push({ file, pattern: t.slice(1, end), flags: t.slice(end + 1) });
			}
			if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
				const [first, second] = n.arguments ?? [];
				if (first && ts.isStringLiteral(first) && (!second || ts.isStringLiteral(second))) {
					literals.push({ file, pattern: first.text, flags: second ? (second as ts.StringLiteral).text : '' });
				} else dynamic.set(file, (dynamic.get(file) ?? 0) + 1);
			}
			ts.forEachChild(n, walk);
		};
		walk(sf);
	};
	for (const file of sourceFiles(SRC)) {
		const code = fs.readFileSync(file, 'utf8');
		if (!file.endsWith('.svelte')) {
			visitTs(file, code, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
			continue;
		}
		// Svelte: the scripts through TypeScript, the markup's expressions from Svelte's own parser.
		for (const m of code.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) visitTs(file, m[1], ts.ScriptKind.TS);
		const markup = code.replace(/(<script\b[^>]*>)([\s\S]*?)(<\/script>)/g, (_, open: string, body: string, close: string) => open + ' '.repeat(body.length) + close);
		const ast = parse(markup, { modern: true });
		const seen = new Set<unknown>();
		const walk = (n: unknown) => {
			if (!n || typeof n !== 'object' || seen.has(n)) return;
			seen.add(n);
			const node = n as { type?: string; regex?: { pattern: string; flags: string } };
			if (node.type === 'Literal' && node.regex) literals.push({ file, pattern: node.regex.pattern, flags: node.regex.flags });
			for (const [k, v] of Object.entries(n)) if (k !== 'parent' && v && typeof v === 'object') Array.isArray(v) ? v.forEach(walk) : walk(v);
		};
		walk(ast);
	}
	return { literals, dynamic };
}

/** Loads the modules that build patterns at run time and records each `new RegExp(...)` they make. */
async function captureDynamic(files: string[]): Promise<Found[]> {
	const found: Found[] = [];
	const Original = globalThis.RegExp;
	globalThis.RegExp = new Proxy(Original, {
		construct(target, args: [string | RegExp, string?]) {
			const re = Reflect.construct(target, args) as RegExp;
			const caller = (new Error().stack ?? '').split('\n').find((l) => l.includes('/src/'));
			const file = caller ? /\/(src\/[^:?)]+)/.exec(caller)?.[1] ?? '?' : '?';
			found.push({ file, pattern: re.source, flags: re.flags });
			return re;
		}
	});
	try {
		vi.resetModules();
		for (const f of files) await import(/* @vite-ignore */ path.resolve(f));
	} finally {
		globalThis.RegExp = Original;
	}
	return found.filter((x) => files.includes(x.file));
}

/** No unbounded repetition (*, +, {n,}): every match attempt is bounded, so the search is linear. */
const boundedOnly = (pattern: string) => !/(?<!\\)[*+]|\{\d+,\}/.test(pattern.replace(/\\\\/g, '').replace(/\[(?:\\.|[^\]\\])*\]/g, 'x'));

function check(pattern: string, flags: string): Verdict {
	const r = checkSync(pattern, flags, { timeout: 60_000, seeder: 'static' }) as {
		status: string;
		complexity?: { type: string; degree?: number };
		attack?: { pumps: { prefix: string; pump: string }[]; suffix: string };
		error?: { kind: string };
	};
	return {
		status: r.status,
		complexity: r.complexity?.type,
		degree: r.complexity?.degree,
		pumps: r.attack?.pumps.map((p) => ({ prefix: p.prefix, pump: p.pump })),
		suffix: r.attack?.suffix,
		error: r.error?.kind
	};
}

/** The fastest of a few runs of `re` on `input`, in ms. */
function timeOf(re: RegExp, input: string, runs = 3): number {
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		re.lastIndex = 0;
		const t = performance.now();
		re.test(input);
		// A global pattern is used with matchAll/replace: every match, not only the first.
		if (re.global) input.replace(re, '');
		best = Math.min(best, performance.now() - t);
	}
	return best;
}

/**
 * Does V8 take super-linear time on inputs built by `build(n)` (about n characters)? Measured at n and
 * 4n: linear time grows 4-fold, quadratic 16-fold. Very slow at n already (cubic and worse) counts too.
 */
function superLinear(re: RegExp, build: (n: number) => string, n = 1000): string | null {
	const small = timeOf(re, build(n));
	if (small > 100) return `${Math.round(small)} ms on ${build(n).length} characters`;
	const large = timeOf(re, build(4 * n));
	if (large > 8 * Math.max(small, 0.05) && large > 5) return `${small.toFixed(1)} ms → ${large.toFixed(1)} ms from ${build(n).length} to ${build(4 * n).length} characters`;
	return null;
}

/** Pumps for a pattern recheck gave no attack for: its own words, letters, digits, spaces and punctuation. */
function genericAttacks(pattern: string): ((n: number) => string)[] {
	const words = [...new Set(pattern.replace(/\\[pPu]\{[^}]*\}|\\./g, ' ').match(/[\p{L}'’-]{2,}/gu) ?? [])].slice(0, 60);
	const units = ['a', ' ', 'a ', '0', '0 ', '-', '.', '/', ',', '"', '\n', 'a@', ...words, ...words.map((w) => `${w} `), ...words.map((w) => w.slice(0, -1))];
	return units.flatMap((u) => [(n: number) => u.repeat(Math.ceil(n / u.length)) + '\u0000', (n: number) => u.repeat(Math.ceil(n / u.length)) + '!1']);
}

const hasLookaround = (pattern: string) => /\(\?<?[=!]|\\[1-9]|\\k</.test(pattern);

/** recheck's attack for a pattern, pumped up to about `length` characters. */
function attackOf(v: Verdict, length: number): string {
	const pumps = v.pumps ?? [];
	const fixed = pumps.reduce((n, p) => n + p.prefix.length, 0) + (v.suffix ?? '').length;
	const perRound = pumps.reduce((n, p) => n + p.pump.length, 0) || 1;
	const rounds = Math.max(1, Math.floor((length - fixed) / perRound));
	return pumps.map((p) => p.prefix + p.pump.repeat(rounds)).join('') + (v.suffix ?? '');
}

describe('no regular expression in src/ backtracks badly', async () => {
	const { literals, dynamic } = scan();
	const built = await captureDynamic([...dynamic.keys()]);
	const all = [...literals, ...built];
	const mode = process.env.REGEX_RECHECK ?? '';
	const cache: { recheck: string; verdicts: Record<string, Verdict> } = fs.existsSync(CACHE_FILE)
		? JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8'))
		: { recheck: RECHECK_VERSION, verdicts: {} };
	if (cache.recheck !== RECHECK_VERSION) cache.verdicts = {};

	it('finds the patterns: literals in .ts, .js and .svelte files, and those built at run time', () => {
		expect(literals.length).toBeGreaterThan(150);
		expect(literals.some((x) => x.file.endsWith('.svelte'))).toBe(true);
		// Every module that builds patterns made some while loading (they are built once, at module level).
		for (const [file, sites] of dynamic) {
			const made = built.filter((x) => x.file === file).length;
			expect(made, `${file}: ${sites} RegExp call(s) with a computed pattern, none made while loading`).toBeGreaterThan(0);
		}
	});

	it('every pattern is linear, or bounded by its input as listed', { timeout: 1_800_000 }, () => {
		const verdicts: Record<string, Verdict> = {};
		const problems: string[] = [];
		let live = 0;
		for (const { file, pattern, flags } of all) {
			const key = `/${pattern}/${flags}`;
			if (boundedOnly(pattern)) continue;
			let v = verdicts[key] ?? (mode === 'all' ? undefined : cache.verdicts[key]);
			if (!v) {
				v = check(pattern, flags);
				live++;
			}
			verdicts[key] = v;
			if (v.status === 'safe') continue;
			const bounded = BOUNDED.find((b) => b.file === file && b.pattern === pattern);
			const verdict = `${v.status}${v.complexity ? ` (${v.complexity}${v.degree ? ` degree ${v.degree}` : ''})` : ''}${v.error ? ` (${v.error})` : ''}`;
			if (bounded) {
				// Measured: recheck's attack at the longest input this pattern can get.
				if (v.status === 'vulnerable') {
					const ms = timeOf(new RegExp(pattern, flags), attackOf(v, bounded.maxLength));
					if (ms > 250) problems.push(`${file}: ${key} took ${Math.round(ms)} ms on ${bounded.maxLength} characters (bounded: ${bounded.why})`);
				}
				continue;
			}
			if (!hasLookaround(pattern)) {
				// recheck's automaton verdict is exact for these.
				problems.push(`${file}: ${key} is ${verdict}`);
				continue;
			}
			const re = new RegExp(pattern, flags);
			const attacks = v.pumps?.length ? [(n: number) => attackOf(v, n)] : genericAttacks(pattern);
			for (const build of attacks) {
				const slow = superLinear(re, build);
				if (slow) {
					problems.push(`${file}: ${key} is ${verdict}, and in V8 ${slow} (${JSON.stringify(build(8).slice(0, 12))}…)`);
					break;
				}
			}
		}
		if (mode === 'write' || mode === 'all') {
			fs.mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
			const sorted = Object.fromEntries(Object.entries({ ...cache.verdicts, ...verdicts }).filter(([k]) => k in verdicts).sort(([a], [b]) => (a < b ? -1 : 1)));
			fs.writeFileSync(CACHE_FILE, JSON.stringify({ recheck: RECHECK_VERSION, verdicts: sorted }, null, '\t') + '\n');
		}
		if (live) console.log(`${live} pattern(s) checked live with recheck ${RECHECK_VERSION}`);
		expect(problems).toEqual([]);
	});

	it('the BOUNDED list names only patterns that exist and need it', () => {
		for (const b of BOUNDED) expect(all.some((x) => x.file === b.file && x.pattern === b.pattern), `${b.file}: /${b.pattern}/`).toBe(true);
	});

	it('the checker does catch what it must: nested and overlapping repetitions, and the old real-data email pattern', { timeout: 300_000 }, () => {
		expect(check('^(a+)+$', '').status).toBe('vulnerable');
		expect(check('[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}', 'gu').complexity).toBe('polynomial');
		expect(boundedOnly('\\d{2}[. ]?\\d{2}')).toBe(true);
		expect(boundedOnly('a+')).toBe(false);
		expect(boundedOnly('[+*]x{2,}')).toBe(false);
		expect(boundedOnly('[+*]\\+')).toBe(true);
		// The V8 harness: the persona form's old email pattern grows quadratically, a lookbehind alone does not.
		const oldEmail = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
		expect(superLinear(oldEmail, (n) => 'a'.repeat(n), 2000)).not.toBeNull();
		expect(superLinear(/(?<=[.!?])\s+/u, (n) => '.' + ' '.repeat(n) + 'a', 2000)).toBeNull();
	});
});
