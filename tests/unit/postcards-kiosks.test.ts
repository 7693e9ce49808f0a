import { describe, expect, it } from 'vitest';
import { getDb, schema } from '../../src/lib/server/db';
import { kioskFromToken, listKiosks, placeProblem, registerKiosk, revokeKiosk } from '../../src/lib/server/postcards/kiosks';
import { demo, otherCampaign } from './postcards-fixtures';

describe('kiosks', () => {
	it('are found by the token in their cookie; only its hash is stored', async () => {
		const campaign = await demo();
		const { token, kiosk } = await registerKiosk(campaign.id, '  Bibliotheek Biekorf ', null);
		expect(kiosk.place).toBe('Bibliotheek Biekorf');
		expect(await kioskFromToken(token)).toEqual({ id: kiosk.id, campaignId: campaign.id, place: 'Bibliotheek Biekorf' });
		const row = getDb().select().from(schema.kiosks).get()!;
		expect(row.tokenHash).not.toContain(token);
		expect(await kioskFromToken('wrong')).toBeNull();
		expect(await kioskFromToken(undefined)).toBeNull();
	});

	it('stop counting once revoked, and only the campaign that owns them can revoke them', async () => {
		const campaign = await demo();
		const other = await otherCampaign('ander');
		const { token, kiosk } = await registerKiosk(campaign.id, 'Buurtcentrum Sint-Pieters', null);
		expect(await revokeKiosk(kiosk.id, other.id)).toBe(false);
		expect(await kioskFromToken(token)).not.toBeNull();
		expect(await revokeKiosk(kiosk.id, campaign.id)).toBe(true);
		expect(await kioskFromToken(token)).toBeNull();
		expect(await revokeKiosk(kiosk.id, campaign.id)).toBe(false);
		expect((await listKiosks(campaign.id))[0].revokedAt).toBeInstanceOf(Date);
	});

	it('need a place name of sensible length', () => {
		expect(placeProblem('   ')).toBe('place_empty');
		expect(placeProblem('x'.repeat(121))).toBe('place_too_long');
		expect(placeProblem('OCMW onthaal')).toBeNull();
	});
});
