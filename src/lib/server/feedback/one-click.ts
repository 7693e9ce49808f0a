/** The body of an RFC 8058 one-click stop (see one-click-route.js for how it reaches the app). */
export { ONE_CLICK_TYPE_HEADER } from './one-click-route.js';

const MAX_BODY = 8192;

/**
 * True when the body says `List-Unsubscribe=One-Click`, sent as a URL-encoded or multipart form (RFC
 * 8058 allows both); `originalType` is the content type the mail program sent.
 */
export async function isOneClickBody(request: Request, originalType: string | null): Promise<boolean> {
	const type = originalType || request.headers.get('content-type') || 'application/x-www-form-urlencoded';
	const body = await request.arrayBuffer().catch(() => null);
	if (!body || body.byteLength > MAX_BODY) return false;
	try {
		if (/^multipart\/form-data/i.test(type)) {
			const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
			return form.get('List-Unsubscribe') === 'One-Click';
		}
		return new URLSearchParams(new TextDecoder().decode(body).trim()).get('List-Unsubscribe') === 'One-Click';
	} catch {
		return false;
	}
}
