// The public wall and 'follow your postcard' by code.
import { expect, test } from '@playwright/test';
import { loginAs, MODERATOR, PHONE, SLUG, shownCode, uniqueText, openForm } from './resident-helpers';

test.use({ viewport: PHONE, locale: 'nl-BE' });

// The first demo quote (theme 1, published, with consent) and its stable code.
const DEMO_TEXT = 'Ik heb nood aan meer opvoedings- ondersteuning binnen mijn gezin.';

test('the wall shows published demo cards with their tags, filters without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'nl-BE' });
	const page = await context.newPage();
	await page.goto(`/p/${SLUG}`);
	await page.getByRole('link', { name: 'Lees wat anderen schreven' }).click();
	await expect(page).toHaveURL(new RegExp(`/p/${SLUG}/wall$`));
	const card = page.locator('li.postcard', { hasText: DEMO_TEXT });
	await expect(card).toHaveCount(1);
	await expect(card.locator('.tag').first()).toContainText('Kansen voor kinderen en jongeren');
	await expect(card.locator('.date')).not.toBeEmpty();

	// Filter on another theme: the card goes; on its own theme: it stays.
	await page.getByLabel('Onderwerp').selectOption({ label: '🏠 Een dak boven je hoofd' });
	await page.getByRole('button', { name: 'Toon', exact: true }).click();
	await expect(page).toHaveURL(/theme=3/);
	await expect(page.locator('li.postcard', { hasText: DEMO_TEXT })).toHaveCount(0);
	await expect(page.locator('li.postcard').first()).toBeVisible();
	await page.goto(`/p/${SLUG}/wall?theme=1`);
	await expect(page.locator('li.postcard', { hasText: DEMO_TEXT })).toHaveCount(1);
	await expect(page.getByLabel('Onderwerp')).toHaveValue('1');
	await context.close();
});

test('a card that is not published, or published without consent, is not on the wall', async ({ page }) => {
	const text = uniqueText('Deze kaart is nog niet gelezen.');
	await openForm(page, `/p/${SLUG}`);
	await page.getByLabel('Je postkaartje').fill(text);
	await page.getByLabel(/mijn tekst mag op de openbare muur/).check();
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
	await page.goto(`/p/${SLUG}/wall`);
	await expect(page.locator('li.postcard').first()).toBeVisible();
	await expect(page.getByText(text)).toHaveCount(0);
});

test('the wall updates live when a moderator publishes a card', async ({ page, browser }) => {
	const text = uniqueText('Live op de muur: een speeltuin in Sint-Jozef.');
	await openForm(page, `/p/${SLUG}`);
	await page.getByLabel('Je postkaartje').fill(text);
	await page.getByLabel(/mijn tekst mag op de openbare muur/).check();
	await page.getByRole('button', { name: 'Verstuur mijn postkaartje' }).click();
	await page.waitForURL(/\/sent\?code=/);
	const code = await shownCode(page);

	await page.goto(`/p/${SLUG}/wall`);
	await expect(page.getByText('Live bijgewerkt')).toBeVisible();
	await expect(page.getByText(text)).toHaveCount(0);

	const staff = await browser.newContext({ locale: 'nl-BE' });
	const mod = await staff.newPage();
	await loginAs(mod, MODERATOR.email, MODERATOR.password, '/staff/moderation');
	await mod.locator(`li[data-code="${code}"] button[name=action][value=publish]`).click();
	await expect(mod.locator(`li.done[data-code="${code}"]`)).toBeVisible();
	await staff.close();

	// No reload: the wall heard it.
	await expect(page.getByText(text)).toBeVisible();
	await page.goto(`/k/${code}`);
	await expect(page.getByText('Gelezen en op de muur gezet')).toBeVisible();
});

test('following a demo card by code shows its stages', async ({ page }) => {
	const response = await page.goto('/k/dem-aaa');
	expect(response!.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('DEM-AAA');
	await expect(page.getByText('Gelezen en op de muur gezet')).toBeVisible();
	await expect(page.getByText('een papieren postkaartje, afgegeven in Bibliotheek Biekorf')).toBeVisible();
	await expect(page.locator('ol.steps > li').nth(1)).toHaveClass(/done/);
	await expect(page.locator('ol.steps > li').nth(3)).toHaveClass(/future/);
	await expect(page.getByRole('link', { name: 'Bekijk de muur' })).toBeVisible();
});

test('an unknown code gets a friendly page with the code field again', async ({ page }) => {
	const response = await page.goto('/k/ZZZ-999');
	expect(response!.status()).toBe(200);
	await expect(page.getByRole('alert')).toContainText('We vinden geen postkaartje met de code ZZZ-999');
	await page.getByLabel('Je code (bijvoorbeeld ABCDE-FGHJK-MNPQR of ABC-234)').fill('dem aba');
	await page.getByRole('button', { name: 'Bekijk' }).click();
	await expect(page).toHaveURL(/\/k\/DEM-ABA$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('DEM-ABA');
});
