import type { RequestHandler } from './$types';
import { toPdf } from '$lib/server/documents/pdf';
import { addendumDoc, addendumFileName } from '$lib/server/personas/addendum';
import { addendumOf } from '../addendum.server';

/** The addendum as a PDF, to print or to send to a jury. */
export const GET: RequestHandler = async (event) => {
	const a = await addendumOf(event);
	const pdf = await toPdf(addendumDoc(a, a.locale));
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${addendumFileName(a, 'pdf')}"`,
			'cache-control': 'no-store'
		}
	});
};
