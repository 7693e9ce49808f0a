/**
 * Suggestions for people who sort input: which short notes (board notes, postcards) belong together,
 * and which themes, goals and actions of the plan a text relates to. Built on similarity.ts, offline
 * and deterministic. Nothing here changes data: a person accepts a suggestion or not.
 */
import { getPlan, type Plan, type PlanItem } from '../plan';
import { cosine, features, TfIdf, type Language, type SparseVector, type Token } from './similarity';

export type ClusterOptions = {
	/** Least average similarity (cosine of TF-IDF vectors of words and concepts, 0–1) between two groups that are merged. */
	threshold?: number;
	/** Smallest group reported as a cluster (default 2); smaller groups go to `unclustered`. */
	minSize?: number;
	/** Most clusters reported, the biggest; notes of the others go to `unclustered`. */
	maxClusters?: number;
};

export type SuggestedCluster = {
	/** A short name from the cluster's most characteristic words as written, e.g. 'schoolrekening · boeken'. */
	label: string;
	/** In input order. */
	noteIds: string[];
	/** The most characteristic words, best first (the label's and a few more). */
	terms: string[];
};

/**
 * Chosen on the labelled notes (tests/unit/data/notes-labelled-nl.json), where F1 peaks (0.68, pairwise
 * precision 0.74), and checked on the demo board's notes, a second set by another author (precision 0.70).
 */
export const DEFAULT_CLUSTER_THRESHOLD = 0.12;
/** A word or concept in more than half of the notes is what the board is about ('euro' on a board about school costs), not what sets a group apart. */
const CLUSTER_MAX_DF = 0.5;
const LABEL_TERMS = 2;
const CLUSTER_TERMS = 5;

/**
 * Groups notes by average-link agglomerative clustering of their TF-IDF vectors (words and their
 * concepts from the lexicon, see similarity.ts {@link features}; words and concepts in more than half
 * of the notes left out, in a collection of 20 notes or more): the two most similar
 * groups merge while their average pairwise similarity reaches the threshold. Found with the
 * nearest-neighbour chain, in O(n²) time and n² × 4 bytes of memory (2,000 notes: 16 MB). The same
 * input gives the same output. Clusters come biggest first (ties: the one whose first note comes
 * first); notes without a single content word stay unclustered.
 */
export function suggestClusters(
	notes: readonly { id: string; text: string }[],
	options: ClusterOptions = {}
): { clusters: SuggestedCluster[]; unclustered: string[] } {
	const threshold = options.threshold ?? DEFAULT_CLUSTER_THRESHOLD;
	const minSize = Math.max(1, options.minSize ?? 2);
	const analysed = notes.map((n) => features(n.text));
	const tokens = analysed.map((a) => a.tokens);
	const model = new TfIdf(analysed.map((a) => a.features), { maxDf: CLUSTER_MAX_DF });
	const vectors = analysed.map((a) => model.vector(a.features));
	const withContent = vectors.flatMap((v, i) => (v.size > 0 ? [i] : []));
	const sim = similarityMatrix(withContent.map((i) => vectors[i]));
	const groups = averageLink(sim, withContent.length, threshold)
		.map((g) => g.map((local) => withContent[local]))
		.filter((g) => g.length >= minSize)
		.sort((a, b) => b.length - a.length || a[0] - b[0])
		.slice(0, options.maxClusters ?? Infinity);
	const clustered = new Set(groups.flat());
	return {
		clusters: groups.map((members) => {
			const terms = characteristicWords(members.map((i) => ({ tokens: tokens[i], vector: vectors[i] })));
			return { label: terms.slice(0, LABEL_TERMS).join(' · '), noteIds: members.map((i) => notes[i].id), terms };
		}),
		unclustered: notes.filter((_, i) => !clustered.has(i)).map((n) => n.id)
	};
}

/**
 * Average-link clustering with the nearest-neighbour chain (average link is reducible, so the chain
 * finds the same merges as always merging the globally most similar pair). A chain whose best
 * similarity is below the threshold can never merge again and leaves the game. Groups hold indices
 * in ascending order.
 */
function averageLink(sim: Float32Array, n: number, threshold: number): number[][] {
	const size = new Float64Array(n).fill(1);
	const active = new Uint8Array(n).fill(1);
	const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
	let remaining = n;
	let first = 0;
	const chain: number[] = [];
	while (remaining > 1) {
		if (chain.length === 0) {
			while (!active[first]) first++;
			chain.push(first);
		}
		const a = chain[chain.length - 1];
		const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
		// Ties keep the previous link of the chain (so the chain ends), otherwise the lowest index.
		let best = previous;
		let bestSim = previous >= 0 ? sim[a * n + previous] : -Infinity;
		for (let k = 0; k < n; k++) {
			if (!active[k] || k === a) continue;
			const s = sim[a * n + k];
			if (s > bestSim) {
				best = k;
				bestSim = s;
			}
		}
		if (best < 0 || bestSim < threshold || bestSim <= 0) {
			// Similarities only fall along the chain: none of its links can reach the threshold any more.
			for (const c of chain) active[c] = 0;
			remaining -= chain.length;
			chain.length = 0;
			continue;
		}
		if (best !== previous) {
			chain.push(best);
			continue;
		}
		chain.length -= 2;
		const keep = Math.min(a, best);
		const drop = Math.max(a, best);
		const total = size[a] + size[best];
		for (let k = 0; k < n; k++) {
			if (!active[k] || k === a || k === best) continue;
			const merged = (size[a] * sim[a * n + k] + size[best] * sim[best * n + k]) / total;
			sim[keep * n + k] = merged;
			sim[k * n + keep] = merged;
		}
		size[keep] = total;
		active[drop] = 0;
		members[keep] = [...members[keep], ...members[drop]].sort((x, y) => x - y);
		members[drop] = [];
		remaining--;
	}
	return members.filter((m) => m.length > 0);
}

/** All pairwise cosines of unit vectors, through an inverted index (pairs without a shared term stay 0). */
function similarityMatrix(vectors: SparseVector[]): Float32Array {
	const n = vectors.length;
	const sim = new Float32Array(n * n);
	const postings = new Map<string, { doc: number; weight: number }[]>();
	const row = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		row.fill(0, 0, i);
		for (const [term, weight] of vectors[i]) {
			let list = postings.get(term);
			if (!list) postings.set(term, (list = []));
			for (const p of list) row[p.doc] += weight * p.weight;
			list.push({ doc: i, weight });
		}
		for (let j = 0; j < i; j++) {
			sim[i * n + j] = row[j];
			sim[j * n + i] = row[j];
		}
	}
	return sim;
}

/** Words of a group by the weight of their term in the group's summed vectors, each in its most frequent written form. */
function characteristicWords(members: { tokens: Token[]; vector: SparseVector }[]): string[] {
	const weight = new Map<string, number>();
	const surfaces = new Map<string, Map<string, number>>();
	for (const { tokens, vector } of members) {
		for (const { surface, term } of tokens) {
			const forms = surfaces.get(term) ?? new Map<string, number>();
			forms.set(surface, (forms.get(surface) ?? 0) + 1);
			surfaces.set(term, forms);
		}
		for (const [term, w] of vector) if (surfaces.has(term)) weight.set(term, (weight.get(term) ?? 0) + w);
	}
	const byWeight = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
	return [...weight]
		.sort(byWeight)
		.slice(0, CLUSTER_TERMS)
		.map(([term]) => [...surfaces.get(term)!].sort(byWeight)[0][0]);
}

/** The plan items a text can be tagged with by suggestion. */
type SuggestedKind = 'theme' | 'goal' | 'action';
export type TagSuggestion = { kind: SuggestedKind; refId: string; score: number };
export type TagOptions = {
	/** Most suggestions per kind (default 3). */
	limit?: number;
	/** Least score (0–1) of a suggestion (default {@link DEFAULT_MIN_TAG_SCORE}). */
	minScore?: number;
};

type ReferenceItem = { kind: SuggestedKind; id: string; parentId: string | null; vector: SparseVector };

/** The plan's live themes, goals and actions as TF-IDF vectors; made by {@link planReference}. */
export type PlanReference = { readonly model: TfIdf; readonly items: readonly ReferenceItem[] };

export const DEFAULT_MIN_TAG_SCORE = 0.05;
const THEME_TITLE_WEIGHT = 0.5;
const LANGUAGES: readonly string[] = ['nl', 'fr', 'en'];

const languageOf = (locale: string): Language | undefined => (LANGUAGES.includes(locale) ? (locale as Language) : undefined);

/** Adds a text's terms and concepts with a weight. */
function addTerms(into: Map<string, number>, text: string | undefined, weight = 1, language: Language = 'nl'): void {
	if (!text) return;
	for (const [term, w] of features(text, language).features) into.set(term, (into.get(term) ?? 0) + weight * w);
}

/** The Dutch label and, for another locale, that locale's label beside it. */
function addLabel(into: Map<string, number>, item: PlanItem, locale: string, weight = 1): void {
	addTerms(into, item.labels.nl, weight);
	const local = locale !== 'nl' ? item.labels[locale as keyof PlanItem['labels']] : undefined;
	if (local) addTerms(into, local, weight, languageOf(locale) ?? 'nl');
}

/** References by the plan content they were built from: purely derived state, the oldest dropped first. */
const references = new Map<string, PlanReference>();
const MAX_CACHED_REFERENCES = 4;

/**
 * The plan as reference for {@link suggestTags}. Each action: its title, description and goal's title
 * (and lightly its theme's); each goal: its title and its actions' titles; each theme: its labels in
 * every language and its goals' titles; each text as its words and their concepts (similarity.ts
 * {@link features}), so that 'laptop' meets 'Betaalbare PC's'. Archived items, and items under an
 * archived theme or goal, are left out. Built once per plan content and locale.
 */
export function planReference(plan: Plan, locale = 'nl'): PlanReference {
	// The serialised content is the fingerprint (about 100 kB, a millisecond or two): an edited, archived or
	// restored item gives a new reference, the same content from a fresh getPlan() the cached one.
	const key = JSON.stringify([locale, plan.themes, plan.goals, plan.actions]);
	const cached = references.get(key);
	if (cached) return cached;
	const themes = plan.themes.filter((t) => !t.archived);
	const liveThemes = new Set(themes.map((t) => t.id));
	const goals = plan.goals.filter((g) => !g.archived && g.parentId !== null && liveThemes.has(g.parentId));
	const goalById = new Map(goals.map((g) => [g.id, g]));
	const actions = plan.actions.filter((a) => !a.archived && a.parentId !== null && goalById.has(a.parentId));
	const themeById = new Map(themes.map((t) => [t.id, t]));
	const docs: { kind: SuggestedKind; item: PlanItem; terms: Map<string, number> }[] = [];
	for (const theme of themes) {
		const terms = new Map<string, number>();
		for (const [language, label] of Object.entries(theme.labels)) addTerms(terms, label, 1, languageOf(language) ?? 'nl');
		for (const goal of goals) if (goal.parentId === theme.id) addLabel(terms, goal, locale);
		docs.push({ kind: 'theme', item: theme, terms });
	}
	for (const goal of goals) {
		const terms = new Map<string, number>();
		addLabel(terms, goal, locale);
		for (const action of actions) if (action.parentId === goal.id) addLabel(terms, action, locale);
		docs.push({ kind: 'goal', item: goal, terms });
	}
	for (const action of actions) {
		const terms = new Map<string, number>();
		const goal = goalById.get(action.parentId!)!;
		addLabel(terms, action, locale);
		addTerms(terms, action.description);
		addLabel(terms, goal, locale);
		addLabel(terms, themeById.get(goal.parentId!)!, locale, THEME_TITLE_WEIGHT);
		docs.push({ kind: 'action', item: action, terms });
	}
	const model = new TfIdf(docs.map((d) => d.terms));
	const reference: PlanReference = {
		model,
		items: docs.map((d) => ({ kind: d.kind, id: d.item.id, parentId: d.item.parentId, vector: model.vector(d.terms) }))
	};
	if (references.size >= MAX_CACHED_REFERENCES) references.delete(references.keys().next().value!);
	references.set(key, reference);
	return reference;
}

/**
 * Themes, goals and actions a text relates to (a note, a postcard, or a cluster's notes given as a
 * list), at most `limit` of each kind with a score above zero and at least `minScore`: themes first, then goals,
 * then actions, each best first. An action's score is the cosine similarity (0–1) of the text with the
 * action's reference text; a goal scores the better of its own similarity and the mean of its two
 * best actions' scores, a theme likewise with its goals.
 */
export function suggestTags(text: string | readonly string[], reference: PlanReference, options: TagOptions = {}): TagSuggestion[] {
	const limit = options.limit ?? 3;
	const minScore = options.minScore ?? DEFAULT_MIN_TAG_SCORE;
	const terms = new Map<string, number>();
	for (const t of typeof text === 'string' ? [text] : text) {
		for (const [term, w] of features(t).features) terms.set(term, (terms.get(term) ?? 0) + w);
	}
	const query = reference.model.vector(terms);
	if (query.size === 0) return [];
	const scored = reference.items.map((item, position) => ({ kind: item.kind, refId: item.id, score: cosine(query, item.vector), position }));
	for (const [parentKind, childKind] of [['goal', 'action'], ['theme', 'goal']] as const) {
		const children = new Map<string, number[]>();
		reference.items.forEach((item, i) => {
			if (item.kind !== childKind || item.parentId === null) return;
			const list = children.get(item.parentId) ?? [];
			list.push(scored[i].score);
			children.set(item.parentId, list);
		});
		for (const parent of scored) {
			if (parent.kind !== parentKind) continue;
			const [first = 0, second = 0] = (children.get(parent.refId) ?? []).sort((a, b) => b - a);
			parent.score = Math.max(parent.score, (first + second) / 2);
		}
	}
	return (['theme', 'goal', 'action'] as const).flatMap((kind) =>
		scored
			.filter((s) => s.kind === kind && s.score > 0 && s.score >= minScore)
			.sort((a, b) => b.score - a.score || a.position - b.position)
			.slice(0, limit)
			.map(({ kind, refId, score }) => ({ kind, refId, score }))
	);
}

/** {@link suggestTags} for texts that belong together (a cluster, a signal's evidence) against the live plan. */
export async function suggestTagsForTexts(texts: readonly string[], locale: string, options?: TagOptions): Promise<TagSuggestion[]> {
	return suggestTags(texts, planReference(await getPlan(), locale), options);
}

