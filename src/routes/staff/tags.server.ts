import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { TagSubject } from '$lib/server/db/schema';
import { addTag, parseTagValue, removeTag, type TagResult } from '$lib/server/signals/tags';

/** The message for a refused tag change. */
export function tagProblemText(problem: string): string {
	if (problem === 'nothing_selected') return m.tag_problem_nothing_selected();
	if (problem === 'subject_unknown') return m.tag_problem_subject_unknown();
	return m.tag_problem_unknown();
}

/**
 * The ?/tagAdd and ?/tagRemove actions of a page that tags one subject at a time. `allowed` says
 * whether this page may tag that subject (e.g. the postcard belongs to the campaign shown).
 */
export async function tagAction(request: Request, subject: TagSubject, op: 'add' | 'remove', allowed: (id: number) => Promise<boolean>) {
	const form = await request.formData();
	const subjectId = Number(form.get('subject'));
	const tag = parseTagValue(form.get('tag'));
	if (!Number.isInteger(subjectId) || !(await allowed(subjectId))) return fail(404, { tagSubject: subjectId, tagProblem: tagProblemText('subject_unknown') });
	if (!tag) return fail(400, { tagSubject: subjectId, tagProblem: tagProblemText('ref_unknown') });
	const result: TagResult = op === 'add' ? await addTag(subject, subjectId, tag.kind, tag.refId) : await removeTag(subject, subjectId, tag.kind, tag.refId);
	if (!result.ok) return fail(400, { tagSubject: subjectId, tagProblem: tagProblemText(result.problem) });
	return { tagSubject: subjectId, tagged: op };
}
