import type { RequestHandler } from './$types';
import { toMarkdown } from '$lib/server/documents/markdown';
import { addendumDoc, addendumFileName } from '$lib/server/personas/addendum';
import { addendumOf } from '../addendum.server';

/** The addendum as Markdown, for those who paste it into their own call text. */
export const GET: RequestHandler = async (event) => {
	const a = await addendumOf(event);
	return new Response(toMarkdown(addendumDoc(a, a.locale)), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="${addendumFileName(a, 'md')}"`,
			'cache-control': 'no-store'
		}
	});
};
