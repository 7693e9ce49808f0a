import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { bundleTargetGroups, moveTo, orderByRank, voteOrder } from '../../src/lib/personas/ranking';
import { AVATARS, DEFAULT_AVATAR, avatarSvg, isAvatar } from '../../src/lib/personas/avatars';
import Avatar from '../../src/lib/components/personas/Avatar.svelte';

describe('orderByRank', () => {
	it('sorts by rank, then id, without touching the input', () => {
		const items = [
			{ id: 4, rank: 2, name: 'Sabine' },
			{ id: 3, rank: 1, name: 'Marc' },
			{ id: 1, rank: 2, name: 'Mieke' },
			{ id: 2, rank: 1, name: 'Nassim' }
		];
		expect(orderByRank(items).map((i) => i.id)).toEqual([2, 3, 1, 4]);
		expect(items.map((i) => i.id)).toEqual([4, 3, 1, 2]);
	});
});

describe('moveTo', () => {
	const ids = [10, 20, 30, 40];
	it('moves an id to a 1-based position', () => {
		expect(moveTo(ids, 30, 1)).toEqual([30, 10, 20, 40]);
		expect(moveTo(ids, 10, 3)).toEqual([20, 30, 10, 40]);
		expect(moveTo(ids, 10, 4)).toEqual([20, 30, 40, 10]);
		expect(moveTo(ids, 20, 2)).toEqual(ids);
	});
	it('clamps the position to the list', () => {
		expect(moveTo(ids, 30, 0)).toEqual([30, 10, 20, 40]);
		expect(moveTo(ids, 30, -5)).toEqual([30, 10, 20, 40]);
		expect(moveTo(ids, 10, 99)).toEqual([20, 30, 40, 10]);
		expect(moveTo(ids, 10, 2.7)).toEqual([20, 10, 30, 40]);
	});
	it('keeps the order for an unknown id or a position that is no number', () => {
		expect(moveTo(ids, 99, 1)).toEqual(ids);
		expect(moveTo(ids, 20, Number.NaN)).toEqual(ids);
	});
	it('returns a new array', () => {
		const out = moveTo(ids, 99, 1);
		expect(out).not.toBe(ids);
		expect(ids).toEqual([10, 20, 30, 40]);
	});
});

describe('voteOrder', () => {
	it('orders by votes, ties by the bundle rank, then by id', () => {
		expect(
			voteOrder([
				{ id: 1, votes: 3, rank: 4 },
				{ id: 2, votes: 5, rank: 3 },
				{ id: 3, votes: 3, rank: 1 },
				{ id: 4, votes: 3, rank: 1 },
				{ id: 5, votes: 0, rank: 2 }
			])
		).toEqual([2, 3, 4, 1, 5]);
	});
	it('does not depend on the input order', () => {
		const items = [
			{ id: 7, votes: 2, rank: 2 },
			{ id: 6, votes: 2, rank: 2 },
			{ id: 8, votes: 2, rank: 1 }
		];
		expect(voteOrder(items)).toEqual([8, 6, 7]);
		expect(voteOrder([...items].reverse())).toEqual([8, 6, 7]);
	});
});

describe('bundleTargetGroups', () => {
	it('joins the target groups of a bundle, each once, in first-seen order', () => {
		// DAW+ challenge 3 bundles Sabine and Marc
		const sabine = { targetGroupIds: ['single-parents', 'transport-poverty'] };
		const marc = { targetGroupIds: ['medical', 'single-parents', 'addiction'] };
		expect(bundleTargetGroups([sabine, marc])).toEqual(['single-parents', 'transport-poverty', 'medical', 'addiction']);
		expect(bundleTargetGroups([marc, sabine])).toEqual(['medical', 'single-parents', 'addiction', 'transport-poverty']);
		expect(bundleTargetGroups([])).toEqual([]);
	});
});

describe('persona avatars', () => {
	it('has twelve small drawings with ids a01 … a12', () => {
		expect(AVATARS.map((a) => a.id)).toEqual(Array.from({ length: 12 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`));
		expect(new Set(AVATARS.map((a) => a.svg)).size).toBe(12);
		for (const a of AVATARS) {
			expect(a.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 120 120">.*<\/svg>$/);
			expect(a.svg.length).toBeLessThan(2048);
			// drawings only: no photos, no text, no ids that could clash on a page
			expect(a.svg).not.toMatch(/<image|<text|href=|\sid=/);
		}
	});
	it('knows its ids and falls back to the default drawing', () => {
		expect(isAvatar('a07')).toBe(true);
		expect(isAvatar('a13')).toBe(false);
		expect(isAvatar(7)).toBe(false);
		expect(avatarSvg('a07')).toBe(AVATARS[6].svg);
		expect(avatarSvg('nope')).toBe(avatarSvg(DEFAULT_AVATAR));
		expect(avatarSvg(null)).toBe(avatarSvg(DEFAULT_AVATAR));
	});
	it('renders as a labelled image or as hidden decoration', () => {
		const labelled = render(Avatar, { props: { id: 'a03', size: 48, label: 'Nassim' } }).body;
		expect(labelled).toContain('role="img"');
		expect(labelled).toContain('aria-label="Nassim"');
		expect(labelled).not.toContain('aria-hidden');
		expect(labelled).toContain('width: 48px');
		expect(labelled).toContain(AVATARS[2].svg);

		const decoration = render(Avatar, { props: { id: 'unknown' } }).body;
		expect(decoration).toContain('aria-hidden="true"');
		expect(decoration).not.toContain('role="img"');
		expect(decoration).toContain('width: 64px');
		expect(decoration).toContain(avatarSvg(DEFAULT_AVATAR));
	});
});
