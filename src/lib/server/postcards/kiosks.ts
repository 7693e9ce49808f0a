/**
 * Kiosks: a library or neighbourhood-centre tablet that staff registered for one campaign. The device
 * holds a random token in an httpOnly cookie; the database keeps only its SHA-256. A kiosk records the
 * place its postcards were collected (vindplaats) and is exempt from the per-device rate limit.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb, schema } from '../db';
import { generateToken, hashToken } from '../auth';

export const KIOSK_COOKIE = 'meespraak_kiosk';
/** Browsers keep a cookie at most 400 days; staff can revoke a kiosk at any time. */
export const KIOSK_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;
export const MAX_PLACE = 120;

export type Kiosk = { id: number; campaignId: number; place: string };

export function kioskCookieOptions(secure: boolean) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: KIOSK_COOKIE_MAX_AGE };
}

export function placeProblem(place: string): 'place_empty' | 'place_too_long' | null {
	const p = place.trim();
	if (!p) return 'place_empty';
	if (p.length > MAX_PLACE) return 'place_too_long';
	return null;
}

/** Registers a kiosk; returns the token to put in the device's cookie (shown nowhere else). */
export async function registerKiosk(campaignId: number, place: string, userId: number | null): Promise<{ token: string; kiosk: Kiosk }> {
	const token = generateToken();
	const row = await getDb()
		.insert(schema.kiosks)
		.values({ tokenHash: hashToken(token), campaignId, place: place.trim(), createdBy: userId, createdAt: new Date() })
		.returning({ id: schema.kiosks.id, campaignId: schema.kiosks.campaignId, place: schema.kiosks.place })
		.get();
	return { token, kiosk: row };
}

/** The kiosk a cookie token belongs to, or null when unknown or revoked. */
export async function kioskFromToken(token: string | null | undefined): Promise<Kiosk | null> {
	if (!token) return null;
	const row = await getDb()
		.select({ id: schema.kiosks.id, campaignId: schema.kiosks.campaignId, place: schema.kiosks.place })
		.from(schema.kiosks)
		.where(and(eq(schema.kiosks.tokenHash, hashToken(token)), isNull(schema.kiosks.revokedAt)))
		.get();
	return row ?? null;
}

export async function listKiosks(campaignId: number) {
	return getDb()
		.select({
			id: schema.kiosks.id,
			place: schema.kiosks.place,
			createdAt: schema.kiosks.createdAt,
			revokedAt: schema.kiosks.revokedAt
		})
		.from(schema.kiosks)
		.where(eq(schema.kiosks.campaignId, campaignId))
		.orderBy(desc(schema.kiosks.createdAt));
}

/** Stops a kiosk: its cookie no longer counts. True when a live kiosk of that campaign was revoked. */
export async function revokeKiosk(id: number, campaignId: number): Promise<boolean> {
	const res = await getDb()
		.update(schema.kiosks)
		.set({ revokedAt: new Date() })
		.where(and(eq(schema.kiosks.id, id), eq(schema.kiosks.campaignId, campaignId), isNull(schema.kiosks.revokedAt)))
		.returning({ id: schema.kiosks.id });
	return res.length > 0;
}
