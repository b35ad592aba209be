// Ctrl+K search from anywhere: matches marked, keyboard to choose, Escape to leave.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchApp, seriousAxeViolations, type LaunchedApp } from './harness.ts';

let app: LaunchedApp;

before(async () => {
  app = await launchApp();
  await app.api.call('notes.create', { title: 'Site visit to a Croydon youth hub', body: 'Young people spoke about knife crime and safe spaces after school.' });
  await app.page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
});

after(async () => {
  await app.close();
});

test('Ctrl+K opens the search, which finds a note and a figure as the investigator types, matches marked', async () => {
  const { page } = app;
  const before = await page.evaluate(() => document.activeElement?.textContent ?? '');
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.waitFor();
  const box = dialog.getByRole('combobox', { name: /Search everything/ });
  assert.equal(await box.evaluate((element) => element === document.activeElement), true);
  await box.pressSequentially('croydon kni');
  const options = dialog.getByRole('option');
  await options.first().waitFor();
  assert.equal(await options.count(), 1);
  assert.match(await options.first().innerText(), /^Note\s*Site visit to a Croydon youth hub/i);
  assert.deepEqual(await options.first().locator('mark').allInnerTexts(), ['Croydon', 'knife']);
  assert.match(await dialog.getByRole('status').innerText(), /1 match\./);
  assert.deepEqual(await seriousAxeViolations(page), []);
  await app.screenshot('search-palette');

  await box.fill('');
  await box.pressSequentially('commissioning budg');
  await dialog.getByRole('status').getByText(/matches/).waitFor();
  assert.ok((await options.count()) >= 4);
  assert.match(await options.first().innerText(), /^Figure/i);
  await page.keyboard.press('ArrowDown');
  assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'search-hit-1');

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent ?? ''), before);
});

test('Enter opens the chosen hit on the page that keeps it', async () => {
  const { page } = app;
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('combobox').pressSequentially('croydon');
  await dialog.getByRole('option').first().waitFor();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  // Polled from the test: the page's strict CSP leaves Playwright's waitForFunction waiting for ever.
  for (let i = 0; i < 100 && (await page.evaluate(() => window.location.hash)) !== '#/evidence'; i += 1) await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => window.location.hash), '#/evidence');
});

test('text that looks like search syntax is taken as words, and nothing went wrong in the page', async () => {
  const { page } = app;
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('combobox').pressSequentially('"AND (OR*');
  await dialog.getByRole('status').getByText(/Nothing matches/).waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(app.pageProblems, []);
});
