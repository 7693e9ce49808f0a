/**
 * A plan tag's name from the plan's pick list: 'goal:1.2' (as board notes and clusters store tags)
 * → '1.2 Name of the goal'. An unknown tag keeps its id as its name.
 */
import type { TagOptions } from '$lib/server/signals/tags';

export function labelTagValue(value: string, options: TagOptions | null | undefined): string {
	const i = value.indexOf(':');
	const kind = value.slice(0, i) as keyof TagOptions;
	const id = value.slice(i + 1);
	const o = options?.[kind]?.find((x) => x.id === id);
	if (!o) return id;
	return kind === 'goal' || kind === 'action' ? `${o.id} ${o.label}` : `${o.pictogram ? o.pictogram + ' ' : ''}${o.label}`;
}
