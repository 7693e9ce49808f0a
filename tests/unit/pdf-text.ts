// Reads the text of a PDF back with pdfjs, for tests that check what a generated PDF says.
// The legacy build is the one meant for Node; in Node it runs its worker in the same thread.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Per page, the text items joined with spaces and whitespace squeezed; `text` is all pages joined.
 * Also the document's title (document information) and language (catalog), when it has them.
 */
export async function pdfText(buf: Buffer): Promise<{ pages: string[]; text: string; title?: string; lang?: string }> {
	// pdfjs refuses a Node Buffer ('provide binary data as Uint8Array') and may transfer what it gets: a copy.
	const pdf = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, disableFontFace: true }).promise;
	try {
		const pages: string[] = [];
		for (let n = 1; n <= pdf.numPages; n++) {
			const page = await pdf.getPage(n);
			const content = await page.getTextContent();
			const words = content.items.map((item) => ('str' in item ? item.str : ''));
			pages.push(words.join(' ').replace(/\s+/g, ' ').trim());
		}
		const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Language?: string | null } };
		return { pages, text: pages.join('\n'), title: info.Title || undefined, lang: info.Language ?? undefined };
	} finally {
		await pdf.destroy();
	}
}
