// The facilitator removes a participant from the console: their contributions leave the projector at once
// and their phone says, in its language, that it was removed, also after a reload. Joining locked: a new
// phone is told so while the phones already in carry on.
import { expect, test, type Browser } from '@playwright/test';
import { login } from './staff-helpers';

test.use({ locale: 'nl-BE' });

const CODE = 'TAF-234';
const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const PHONE = { locale: 'nl-BE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function phone(browser: Browser, name: string) {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await page.goto(`/t/${CODE}`);
	await page.waitForLoadState('networkidle');
	await page.locator('#name').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByTestId('prompt')).toBeVisible();
	return { context, page };
}

test('a removed participant disappears from the projector and their phone says so; a locked table refuses newcomers', async ({ page, browser }) => {
	test.setTimeout(120_000);
	await login(page, '/staff/tables', FACILITATOR);
	await page.locator('tr', { has: page.locator(`a[href="/present/${CODE}"]`) }).locator('a[href^="/staff/tables/"]').first().click();
	await expect(page.getByTestId('lock-note')).toBeVisible();

	const projectorContext = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 720 } });
	const projector = await projectorContext.newPage();
	await projector.goto(`/present/${CODE}`);
	await expect(projector.getByTestId('prompt')).toBeVisible();

	const troll = await phone(browser, 'Trol');
	const text = `Iets kwetsends ${Date.now().toString(36)}`;
	await troll.page.locator('#text').fill(text);
	await troll.page.getByRole('button', { name: 'Versturen' }).click();
	await expect(projector.getByTestId('wall').getByText(text)).toBeVisible();

	const card = page.getByTestId('contribution').filter({ hasText: text });
	await expect(card).toBeVisible({ timeout: 20_000 });
	page.once('dialog', (d) => d.accept());
	await card.getByTestId('remove-participant').click();
	await expect(page.getByTestId('console-message')).toContainText('De deelnemer is verwijderd');

	await expect(projector.getByTestId('wall').getByText(text)).toHaveCount(0);
	await expect(troll.page.getByRole('alert').filter({ hasText: 'De begeleider heeft je van deze tafel verwijderd' })).toBeVisible();
	await troll.page.reload();
	await expect(troll.page.getByRole('alert').filter({ hasText: 'De begeleider heeft je van deze tafel verwijderd' })).toBeVisible();
	await expect(troll.page.getByTestId('prompt')).toHaveCount(0);

	// Lock joining: a new phone hears that the table is closed to newcomers.
	const inside = await phone(browser, 'Binnen');
	await page.getByRole('button', { name: 'Sluiten voor nieuwkomers' }).click();
	await expect(page.getByTestId('lock-note')).toContainText('Meedoen is vergrendeld');
	const late = await browser.newContext(PHONE);
	const latePage = await late.newPage();
	await latePage.goto(`/t/${CODE}`);
	await latePage.waitForLoadState('networkidle');
	await latePage.getByRole('button', { name: 'Meedoen' }).click();
	await expect(latePage.getByRole('alert').filter({ hasText: 'gesloten voor nieuwe deelnemers' })).toBeVisible();
	// The phone that was in carries on.
	await inside.page.locator('#text').fill('Ik doe gewoon verder');
	await inside.page.getByRole('button', { name: 'Versturen' }).click();
	await expect(projector.getByTestId('wall').getByText('Ik doe gewoon verder')).toBeVisible();
	await page.getByRole('button', { name: 'Weer openen' }).click();
	await expect(page.getByTestId('lock-note')).not.toContainText('Meedoen is vergrendeld');

	for (const ctx of [troll.context, inside.context, late, projectorContext]) await ctx.close();
});
