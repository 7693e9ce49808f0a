/**
 * One way to check a Yjs update from a client against the shape its document may have, BEFORE it
 * touches the document: boards (../boards/shape.ts) and the council advice draft (../councils/draft.ts)
 * each describe their document with a `DocShape`, and `inspectUpdate` answers whether the update fits.
 *
 * The update is decoded (`Y.decodeUpdate`), never applied: each new item is placed where Yjs would put
 * it (a root key, the type an ID names, or beside its origin, looked up in the update itself or in the
 * document), and its content is checked against the field of that place (a plain value and its check,
 * a Y.Map, a Y.Text). The delete set is resolved against the document, so the caller knows which map
 * entries the update removes. An update that depends on changes the document lacks is answered
 * `out_of_order` (Yjs would keep it pending). A refused update therefore costs a decode and a few
 * lookups; the document stays as it was and never has to be rebuilt.
 *
 * Items whose place Yjs can no longer resolve (their neighbour or parent was garbage-collected) are
 * kept by Yjs as tombstones without content: they are accepted, and their bytes count like any other.
 */
import * as Y from 'yjs';

/** A field of a document: a plain value (its check answers an error code or null), a Y.Map, a Y.Text. */
export type Field =
	| { kind: 'value'; check: (value: unknown) => string | null }
	| { kind: 'map'; key: (key: string) => boolean; field: (key: string) => Field | undefined }
	| { kind: 'text'; maxLength?: number; tooLong?: string };

/** The top-level keys a document may hold and what each is. */
export type DocShape = { roots: Record<string, Field & { kind: 'map' | 'text' }>; refusal?: string };

/** A new entry of a map: where (root, key, key…), and its value (undefined for a nested type). */
export type Write = { path: string[]; value: unknown; type: boolean };
/** A map entry that exists now and that the update deletes. */
export type Removal = { path: string[] };

export type Inspection = { ok: true; writes: Write[]; removals: Removal[] } | { ok: false; error: string };

type Struct = Y.Item | Y.GC | Y.Skip;
/** What `Y.decodeUpdate` answers as the delete set (its class is not exported as a type). */
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;
type Parent = { field: Field; path: string[] };
/** Where an item goes: its parent type (undefined: a type outside the shape) and its key; null: nowhere (Yjs drops its content). */
type Place = { parent: Parent | undefined; sub: string | null } | null;

class Refused extends Error {
	constructor(readonly code: string) {
		super(code);
	}
}

/** The struct of `list` (sorted by clock) that holds `clock`, or undefined. */
function holding<T extends { id: Y.ID; length: number }>(list: T[] | undefined, clock: number): T | undefined {
	if (!list?.length) return undefined;
	let lo = 0;
	let hi = list.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const s = list[mid];
		if (clock < s.id.clock) hi = mid - 1;
		else if (clock >= s.id.clock + s.length) lo = mid + 1;
		else return s;
	}
	return undefined;
}

/**
 * Checks `update` against `shape` and the current `doc` (which it does not change). `bad_update`: it
 * does not decode; `out_of_order`: it depends on changes `doc` lacks; otherwise the shape's refusal
 * (default `bad_content`) or a field check's code.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, shape: DocShape): Inspection {
	const bad = shape.refusal ?? 'bad_content';
	let decoded: { structs: Struct[]; ds: DeleteSet };
	try {
		decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet };
	} catch {
		return { ok: false, error: 'bad_update' };
	}
	try {
		return { ok: true, ...inspect(doc, decoded, shape, bad) };
	} catch (e) {
		if (e instanceof Refused) return { ok: false, error: e.code };
		// Anything the decoder let through but that cannot be placed is not a change we accept.
		return { ok: false, error: 'bad_update' };
	}
}

function inspect(doc: Y.Doc, decoded: { structs: Struct[]; ds: DeleteSet }, shape: DocShape, bad: string): { writes: Write[]; removals: Removal[] } {
	const store = doc.store;
	const state = (client: number) => Y.getState(store, client);

	// The update's structs per client, and how far each client's history reaches once it is applied.
	const own = new Map<number, Struct[]>();
	for (const s of decoded.structs) {
		let list = own.get(s.id.client);
		if (!list) own.set(s.id.client, (list = []));
		list.push(s);
	}
	const reach = new Map<number, number>();
	for (const [client, list] of own) {
		let end = state(client);
		for (const s of list) {
			if (s instanceof Y.Skip) continue;
			if (s.id.clock > end) throw new Refused('out_of_order');
			end = Math.max(end, s.id.clock + s.length);
		}
		reach.set(client, end);
	}
	const known = (id: Y.ID) => id.clock < (reach.get(id.client) ?? state(id.client));
	const inUpdate = (id: Y.ID): Struct | undefined => (id.clock >= state(id.client) ? holding(own.get(id.client), id.clock) : undefined);
	const inDoc = (id: Y.ID): Y.Item | Y.GC | undefined => holding(store.clients.get(id.client) as (Y.Item | Y.GC)[] | undefined, id.clock);

	const roots = new Map<AnyType, string>();
	doc.share.forEach((type, key) => roots.set(type, key));

	const child = (parent: Parent, sub: string): Parent | undefined => {
		if (parent.field.kind !== 'map' || !parent.field.key(sub)) return undefined;
		const field = parent.field.field(sub);
		return field ? { field, path: [...parent.path, sub] } : undefined;
	};

	/** The field of a type in the document (undefined: not in the shape). */
	const docTypes = new Map<AnyType, Parent | undefined>();
	const fieldOfType = (type: AnyType): Parent | undefined => {
		if (docTypes.has(type)) return docTypes.get(type);
		let found: Parent | undefined;
		const item = type._item;
		if (!item) {
			const key = roots.get(type);
			const field = key === undefined ? undefined : shape.roots[key];
			found = field ? { field, path: [key!] } : undefined;
		} else {
			const parent = item.parent instanceof Y.AbstractType ? fieldOfType(item.parent) : undefined;
			found = parent && item.parentSub !== null ? child(parent, item.parentSub) : undefined;
		}
		docTypes.set(type, found);
		return found;
	};

	/** The place of a document item (null when it has no parent type any more). */
	const placeInDoc = (s: Y.Item | Y.GC | undefined): Place => {
		if (!(s instanceof Y.Item) || !(s.parent instanceof Y.AbstractType)) return null;
		return { parent: fieldOfType(s.parent), sub: s.parentSub };
	};

	const places = new Map<Struct, Place>();
	const resolving = new Set<Struct>();
	/** Where an item of the update goes, as Yjs would decide it. */
	const placeOf = (item: Y.Item): Place => {
		if (places.has(item)) return places.get(item)!;
		if (resolving.has(item)) throw new Refused('bad_update');
		resolving.add(item);
		let place: Place;
		const parent = item.parent as unknown;
		const near = item.origin ?? item.rightOrigin;
		if (near) place = siblingPlace(near);
		else if (typeof parent === 'string') {
			const field = shape.roots[parent];
			if (!field) throw new Refused(bad);
			place = { parent: { field, path: [parent] }, sub: item.parentSub };
		} else if (parent && typeof parent === 'object' && 'client' in parent) {
			const holder = typeHolder(parent as Y.ID);
			place = holder === null ? null : { parent: holder, sub: item.parentSub };
		} else throw new Refused('bad_update');
		resolving.delete(item);
		places.set(item, place);
		return place;
	};
	const siblingPlace = (id: Y.ID): Place => {
		const s = inUpdate(id);
		if (s) return s instanceof Y.Item ? placeOf(s) : null;
		return placeInDoc(inDoc(id));
	};
	/** The field of the type held at `id` (null: nothing Yjs can put children in; undefined: outside the shape). */
	const typeHolder = (id: Y.ID): Parent | undefined | null => {
		const s = inUpdate(id);
		if (s) {
			if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentType)) return null;
			const place = placeOf(s);
			if (!place) return null;
			return place.parent && place.sub !== null ? child(place.parent, place.sub) : undefined;
		}
		const d = inDoc(id);
		if (!(d instanceof Y.Item) || !(d.content instanceof Y.ContentType)) return null;
		return fieldOfType(d.content.type as AnyType);
	};

	// Items of the update the same update deletes again.
	const goneInUpdate = new Set<Struct>();
	const removals: Removal[] = [];
	const textRemoved = new Map<string, number>();
	decoded.ds.clients.forEach((ranges, client) => {
		const have = state(client);
		const docStructs = store.clients.get(client) as (Y.Item | Y.GC)[] | undefined;
		for (const { clock, len } of ranges) {
			const end = clock + len;
			if (end > (reach.get(client) ?? have)) throw new Refused('out_of_order');
			if (clock < have && docStructs) {
				let i = Y.findIndexSS(docStructs, clock);
				for (; i < docStructs.length && docStructs[i].id.clock < Math.min(end, have); i++) {
					const s = docStructs[i];
					if (!(s instanceof Y.Item) || s.deleted) continue;
					const place = placeInDoc(s);
					if (!place?.parent) continue;
					if (place.sub !== null) removals.push({ path: [...place.parent.path, place.sub] });
					else if (s.content instanceof Y.ContentString) {
						const overlap = Math.min(end, s.id.clock + s.length) - Math.max(clock, s.id.clock);
						const key = place.parent.path.join('\u0000');
						textRemoved.set(key, (textRemoved.get(key) ?? 0) + overlap);
					}
				}
			}
			for (const s of own.get(client) ?? []) if (s.id.clock < end && s.id.clock + s.length > clock) goneInUpdate.add(s);
		}
	});

	const writes: Write[] = [];
	const textAdded = new Map<string, { parent: Parent; added: number }>();
	for (const s of decoded.structs) {
		if (!(s instanceof Y.Item)) continue;
		// Already in the document: Yjs skips it.
		if (s.id.clock + s.length <= state(s.id.client)) continue;
		for (const dep of [s.origin, s.rightOrigin, typeof s.parent === 'object' && s.parent && 'client' in s.parent ? (s.parent as Y.ID) : null])
			if (dep && (dep.client === s.id.client ? dep.clock >= s.id.clock : !known(dep))) throw new Refused(dep.client === s.id.client ? 'bad_update' : 'out_of_order');
		const place = placeOf(s);
		if (!place) continue;
		if (!place.parent) throw new Refused(bad);
		const { parent, sub } = place;
		const content = s.content;
		if (parent.field.kind === 'map') {
			if (sub === null) throw new Refused(bad);
			const target = child(parent, sub);
			if (!target) throw new Refused(bad);
			if (content instanceof Y.ContentDeleted) continue;
			if (target.field.kind === 'value') {
				if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) throw new Refused(bad);
				const problem = target.field.check(content.arr[0]);
				if (problem) throw new Refused(problem);
				if (!goneInUpdate.has(s)) writes.push({ path: target.path, value: content.arr[0], type: false });
			} else {
				if (!(content instanceof Y.ContentType)) throw new Refused(bad);
				const wanted = target.field.kind === 'map' ? Y.Map : Y.Text;
				if (!(content.type instanceof wanted)) throw new Refused(bad);
				if (!goneInUpdate.has(s)) writes.push({ path: target.path, value: undefined, type: true });
			}
		} else if (parent.field.kind === 'text') {
			if (sub !== null) throw new Refused(bad);
			if (content instanceof Y.ContentDeleted) continue;
			if (!(content instanceof Y.ContentString)) throw new Refused(bad);
			if (goneInUpdate.has(s)) continue;
			const key = parent.path.join('\u0000');
			const t = textAdded.get(key) ?? { parent, added: 0 };
			t.added += content.str.length;
			textAdded.set(key, t);
		} else throw new Refused(bad);
	}

	// Texts with a limit (top-level texts only: their length is known without walking the document).
	for (const [key, { parent, added }] of textAdded) {
		if (parent.field.kind !== 'text' || parent.field.maxLength === undefined || parent.path.length !== 1) continue;
		const before = doc.getText(parent.path[0]).length;
		const removed = textRemoved.get(key) ?? 0;
		if (added > removed && before + added - removed > parent.field.maxLength) throw new Refused(parent.field.tooLong ?? bad);
	}
	return { writes, removals };
}

// ---------------------------------------------------------------- value checks shapes use

/** A string of at most `max` characters (code points). */
export const isString = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max * 2 && [...v].length <= max;
/** A finite number within ±`limit`. */
export const isNumber = (limit: number) => (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;
