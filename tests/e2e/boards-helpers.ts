// Shared by the board browser tests: a facilitator's new board, a link for people without an account, a note.
import { expect, type Browser, type Page } from '@playwright/test';
import { login } from './staff-helpers';

export const FACILITATOR = { email: 'begeleider@meespraak.demo', password: 'demo-begeleider-2026' };
const LIVE = { timeout: 20_000 };

/** A facilitator's new board (through the staff form), open on its page. */
export async function newBoard(browser: Browser, title: string, template = 'empty', baseURL?: string): Promise<Page> {
	const page = await (await browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 800 }, ...(baseURL ? { baseURL } : {}) })).newPage();
	await login(page, '/staff/boards', FACILITATOR);
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.locator(`input[name=template][value=${template}]`).check();
	await page.getByRole('button', { name: 'Bord maken' }).click();
	await expect(page).toHaveURL(/\/staff\/boards\/\d+$/);
	await expect(page.locator('[data-board-ready="true"]')).toBeVisible(LIVE);
	return page;
}

/** A link for people without an account, made on the board page (shown once). */
export async function makeLink(page: Page, level: 'edit' | 'view' = 'edit'): Promise<string> {
	await page.getByText('Delen met een link').click();
	await page.getByLabel('Wat mag wie de link heeft?').selectOption(level);
	await page.getByRole('button', { name: 'Link maken' }).click();
	const link = await page.getByLabel('Nieuwe link').inputValue();
	expect(link).toMatch(/\/b\/[a-z0-9]{20,}$/);
	return link;
}

/** Writes a note on the surface with the toolbar button. */
export async function writeNote(page: Page, text: string) {
	await page.getByRole('button', { name: '+ Briefje' }).click();
	await page.getByLabel('Tekst van het briefje').fill(text);
	await page.getByLabel('Tekst van het briefje').press('Enter');
	await expect(page.locator('.note', { hasText: text })).toBeVisible();
}

