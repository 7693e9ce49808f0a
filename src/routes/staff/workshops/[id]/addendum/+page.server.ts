import type { PageServerLoad } from './$types';
import { addendumOf } from './addendum.server';

/** The addendum on screen: the same data the PDF and the Markdown are made from. */
export const load: PageServerLoad = async (event) => ({ addendum: await addendumOf(event) });
