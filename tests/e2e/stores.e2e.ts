// Create, open and recent investigations: the evidence stores pane as an
// investigator uses it, on real stores in the test's own folder. Run after
// `npx vite build` with `npx tsx --test tests/e2e/stores.e2e.ts`.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR, launchApp, seriousAxeViolations, type LaunchedApp } from './harness.ts';

const TITLE = 'MOPAC and VRU Commissioning';

let app: LaunchedApp;
let first: string;
let second: string;
let empty: string;
/** API calls the page made, by method, so a test can see that everything was loaded again. */
const calls = new Map<string, number>();

before(async () => {
  app = await launchApp();
  first = join(app.dir, 'Investigation.sqlite');
  second = join(app.dir, 'Second inquiry.sqlite');
  empty = join(app.dir, 'Empty.sqlite');
  app.page.on('request', (request) => {
    const m = /\/api\/([a-z.]+)$/i.exec(new URL(request.url()).pathname);
    if (m?.[1] !== undefined) calls.set(m[1], (calls.get(m[1]) ?? 0) + 1);
  });
  await app.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
});

after(async () => {
  await app?.close();
});

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

function pane(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Evidence stores' });
}

async function openPane(page: Page): Promise<Locator> {
  if ((await pane(page).count()) === 0) await page.keyboard.press('Control+O');
  await pane(page).waitFor();
  return pane(page);
}

async function closePane(page: Page): Promise<void> {
  if ((await pane(page).count()) === 0) return;
  await page.keyboard.press('Escape');
  await pane(page).waitFor({ state: 'detached' });
}

function recentEntry(panel: Locator, path: string): Locator {
  return panel.getByRole('region', { name: 'Recent stores' }).getByRole('listitem').filter({ hasText: path });
}

function statusStore(page: Page, fileName: string): Locator {
  return page.getByRole('contentinfo').getByRole('button', { name: new RegExp(`^Evidence store: ${fileName.replace(/\./g, '\\.')}\\.`) });
}

/** The field's error: named by aria-describedby, holding focus, and the field marked invalid. */
async function fieldError(page: Page, field: Locator): Promise<Locator> {
  await field.and(page.locator('[aria-invalid="true"]')).waitFor(); // the field is marked invalid once the answer is in
  const ids = (await field.getAttribute('aria-describedby') ?? '').split(/\s+/);
  const errorId = ids.find((id) => id.endsWith('-error'));
  assert.ok(errorId !== undefined, `the field is described by its error (aria-describedby="${ids.join(' ')}")`);
  const error = page.locator(`[id="${errorId}"]`);
  await error.waitFor();
  assert.ok(await isFocused(error), 'focus moves to the error message');
  return error;
}

/**
 * A screenshot of the window as a person sees it with the pane open: the
 * viewport grows to the pane's whole height first, so nothing of it is cut off.
 */
async function paneScreenshot(name: string): Promise<void> {
  const { page } = app;
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => {
    const inner = document.querySelector('.detail-pane .pane-inner');
    const bar = document.querySelector('.statusbar');
    return (inner?.scrollHeight ?? 0) + (bar?.getBoundingClientRect().height ?? 0) + 2;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

async function dismissProblems(page: Page): Promise<void> {
  const alert = page.getByRole('alert', { name: 'Problems' });
  for (const button of await alert.getByRole('button', { name: /^Dismiss/ }).all()) await button.click();
}

test('the way in is shown with its shortcut: sidebar button, status bar tooltip, Ctrl+O', async () => {
  const { page } = app;
  const sidebarButton = page.getByRole('button', { name: /^Open or create/ });
  assert.match(await sidebarButton.getAttribute('title') ?? '', /\(Ctrl\+O\)/);
  assert.equal(await sidebarButton.getAttribute('aria-keyshortcuts'), 'Control+O');
  const storeButton = statusStore(page, 'Investigation.sqlite');
  assert.match(await storeButton.getAttribute('title') ?? '', /\(Ctrl\+O\)/);
  assert.equal(await storeButton.getAttribute('aria-keyshortcuts'), 'Control+O');

  await sidebarButton.click();
  await pane(page).waitFor();
  assert.equal(await sidebarButton.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  await pane(page).waitFor({ state: 'detached' });
  assert.ok(await isFocused(sidebarButton), 'Escape returns focus to the sidebar button');

  await page.keyboard.press('Control+O');
  const panel = pane(page);
  await panel.waitFor();
  assert.ok(await isFocused(panel.getByRole('heading', { level: 2, name: 'Evidence stores' })), 'Ctrl+O moves focus into the pane');
});

test('the pane: the store open now, its backups, the recent list with the current one marked, and both forms', async () => {
  const { page } = app;
  const panel = await openPane(page);
  const current = panel.getByRole('region', { name: 'Open now' });
  assert.match(await current.innerText(), /Investigation\.sqlite/);
  assert.match(await current.innerText(), new RegExp(TITLE));
  assert.match(await panel.getByRole('region', { name: 'Backups of this store' }).innerText(), /No backups yet/);
  assert.match(await panel.innerText(), /A backup is a complete store and opens like any other/);

  const entry = recentEntry(panel, first);
  await entry.waitFor();
  assert.equal(await entry.getAttribute('aria-current'), 'true');
  assert.match(await entry.innerText(), /Open now/);
  assert.match(await entry.innerText(), /Opened \d\d:\d\d today/);
  assert.equal(await entry.getByRole('button').count(), 0, 'the store open now has no Open button');

  assert.equal(await panel.getByLabel('Full path of the store file').count(), 1);
  assert.equal(await panel.getByLabel('Full path for the new store file').count(), 1);
  const seed = panel.getByRole('checkbox', { name: 'Seed with the MOPAC and VRU Commissioning inquiry' });
  assert.ok(await seed.isChecked(), 'seeding is ticked by default');
});

test('"Back up now" adds a backup to the list: time in UK format, reason and size', async () => {
  const { page } = app;
  const panel = await openPane(page);
  await panel.getByRole('button', { name: 'Back up now' }).click();
  const table = panel.getByRole('table', { name: /backups?, newest first/ });
  await table.waitFor();
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), 1);
  const cells = (await rows.first().locator('td').allInnerTexts()).map((t) => t.trim());
  assert.match(cells[0] ?? '', /^\d\d\/\d\d\/20\d\d \d\d:\d\d:\d\d$/, 'dd/mm/yyyy hh:mm:ss');
  assert.equal(cells[1], 'manual');
  assert.match(cells[2] ?? '', /^\d+(\.\d)? (KB|MB)$/);
  assert.match(await page.getByRole('contentinfo').innerText(), /Backed up \d\d:\d\d today/);

  // A second one goes to the top.
  await page.waitForTimeout(20);
  await panel.getByRole('button', { name: 'Back up now' }).click();
  await table.locator('tbody tr').nth(1).waitFor();
  const times = await table.locator('tbody tr td:first-child time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
  assert.ok(times[0]! > times[1]!, 'newest first');

  // "Open…" on a backup puts its path in the open form, ready to check and open.
  await table.locator('tbody tr').first().getByRole('button', { name: /^Open… the backup taken/ }).click();
  const field = panel.getByLabel('Full path of the store file');
  assert.ok(await isFocused(field), 'focus goes to the open field');
  assert.match(await field.inputValue(), /Investigation backups[\\/]Investigation .* UTC manual\.sqlite$/);
  await field.fill('');
});

test('the open pane has no serious accessibility problems', async () => {
  const { page } = app;
  await openPane(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  assert.deepEqual(await seriousAxeViolations(page), []);
  await paneScreenshot('stores-pane');
});

test('creating a second store reloads everything for it and puts focus on the heading', async () => {
  const { page } = app;
  const panel = await openPane(page);
  const before = { info: calls.get('app.info') ?? 0, overview: calls.get('overview.get') ?? 0, counts: calls.get('store.counts') ?? 0 };
  await panel.getByLabel('Full path for the new store file').fill(second);
  await panel.getByRole('button', { name: 'Create store' }).click();

  await statusStore(page, 'Second inquiry.sqlite').waitFor();
  await pane(page).waitFor({ state: 'detached' });
  const heading = page.getByRole('heading', { level: 1, name: TITLE });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  assert.ok(await isFocused(heading), 'focus goes to the main heading');
  assert.ok((calls.get('app.info') ?? 0) > before.info, 'app info loaded again');
  assert.ok((calls.get('overview.get') ?? 0) > before.overview, 'the overview loaded again');
  assert.ok((calls.get('store.counts') ?? 0) > before.counts, 'the counts loaded again');
  assert.equal(await page.locator('.investigation-name').innerText(), TITLE);
  await page.getByRole('status', { name: 'Messages' }).getByText('Created Second inquiry.sqlite').waitFor();
  assert.match(await page.getByRole('contentinfo').innerText(), /No backup yet/, 'the status bar is the new store\'s');
  assert.equal(new URL(page.url()).hash, '#/overview', 'no page reload: the address is as it was');
});

test('a store created without the inquiry says so on the Overview, in the sidebar, with a next step', async () => {
  const { page } = app;
  const panel = await openPane(page);
  await panel.getByLabel('Full path for the new store file').fill(empty);
  await panel.getByRole('checkbox', { name: /Seed with/ }).uncheck();
  await panel.getByRole('button', { name: 'Create store' }).click();
  await statusStore(page, 'Empty.sqlite').waitFor();
  const heading = page.getByRole('heading', { level: 1, name: 'Overview' });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  const main = page.getByRole('main');
  assert.match(await main.innerText(), /Empty\.sqlite holds no investigation yet/);
  assert.match(await main.innerText(), /What you can do now/);
  assert.equal(await page.locator('.investigation-name').innerText(), 'Empty.sqlite (no investigation yet)');
  assert.equal(await page.getByRole('alert', { name: 'Problems' }).locator('li').count(), 0, 'an empty store is not a failure');
  assert.deepEqual(await seriousAxeViolations(page), []);
  await app.screenshot('stores-empty-overview');
});

test('the first store opens again from the recent list', async () => {
  const { page } = app;
  const panel = await openPane(page);
  assert.equal(await recentEntry(panel, empty).getAttribute('aria-current'), 'true');
  const entry = recentEntry(panel, first);
  await entry.getByRole('button', { name: `Open Investigation.sqlite: ${TITLE}` }).click();
  await statusStore(page, 'Investigation.sqlite').waitFor();
  const heading = page.getByRole('heading', { level: 1, name: TITLE });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  assert.ok(await isFocused(heading));
  assert.equal(await page.locator('.investigation-name').innerText(), TITLE);
  assert.match(await page.getByRole('contentinfo').innerText(), /Backed up \d\d:\d\d today/, 'its backups are its own');

  const again = await openPane(page);
  assert.equal(await recentEntry(again, first).getAttribute('aria-current'), 'true');
  assert.equal(await again.getByRole('region', { name: 'Backups of this store' }).locator('tbody tr').count(), 2);
});

test('a text file is refused, and the error by the field names the file', async () => {
  const { page } = app;
  const notes = join(app.dir, 'notes.txt');
  writeFileSync(notes, 'Questions for the VRU session.\n'.repeat(20));
  const panel = await openPane(page);
  const field = panel.getByLabel('Full path of the store file');
  await field.fill(notes);
  await field.press('Enter');
  const error = await fieldError(page, field);
  const text = await error.innerText();
  assert.match(text, /notes\.txt/);
  assert.match(text, /is not a Scrutiny Desk store/);
  assert.match(text, /What you can do:/);
  const alert = page.getByRole('alert', { name: 'Problems' });
  await alert.getByText('The store was not opened').waitFor();
  assert.match(await alert.innerText(), /notes\.txt is not a Scrutiny Desk store/);
  assert.deepEqual(await seriousAxeViolations(page), [], 'no serious accessibility problems with the error shown');
  await statusStore(page, 'Investigation.sqlite').waitFor();
  await paneScreenshot('stores-pane-error');
  await dismissProblems(page);
});

test('creating over an existing store is refused beside the path field', async () => {
  const { page } = app;
  const panel = await openPane(page);
  const field = panel.getByLabel('Full path for the new store file');
  await field.fill(second);
  await panel.getByRole('button', { name: 'Create store' }).click();
  const error = await fieldError(page, field);
  assert.match(await error.innerText(), /Second inquiry\.sqlite already exists/);
  await page.getByRole('alert', { name: 'Problems' }).getByText('The store was not created').waitFor();
  await dismissProblems(page);
});

test('a path that is not a full path is caught before anything is asked of the store', async () => {
  const { page } = app;
  const panel = await openPane(page);
  const field = panel.getByLabel('Full path of the store file');
  await field.fill('Investigation.sqlite');
  await panel.getByRole('button', { name: 'Open', exact: true }).click();
  const error = await fieldError(page, field);
  assert.match(await error.innerText(), /“Investigation\.sqlite” is not a full path/);
  await field.fill('');
  await field.press('Enter');
  assert.match(await (await fieldError(page, field)).innerText(), /Enter the full path of the store file/);
});

test('a refusal from the recent list (a newer version) is shown under that entry', async () => {
  const { page } = app;
  await page.route('**/api/store.open', (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ ok: false, error: {
      code: 'store-newer-version',
      message: `${second} was written by a newer version of Scrutiny Desk (store version 9; this one reads up to 1).`,
      where: second,
      hint: 'Update Scrutiny Desk to open it. The file has not been changed.',
    } }),
  }));
  try {
    const panel = await openPane(page);
    const button = recentEntry(panel, second).getByRole('button', { name: /^Open Second inquiry\.sqlite/ });
    await button.click();
    const entry = recentEntry(panel, second);
    const error = entry.locator('.field-error');
    await error.waitFor();
    assert.ok(await isFocused(error), 'focus moves to the message');
    assert.match(await error.innerText(), /Second inquiry\.sqlite was written by a newer version/);
    const describedBy = await button.getAttribute('aria-describedby');
    assert.equal(describedBy, await error.getAttribute('id'), 'the Open button is described by the message');
    await page.getByRole('alert', { name: 'Problems' }).getByText('The store was not opened').waitFor();
    await statusStore(page, 'Investigation.sqlite').waitFor();
  } finally {
    await page.unroute('**/api/store.open');
  }
  await dismissProblems(page);
});

test('a store whose file has gone is shown as missing, in words, without an Open button', async () => {
  const { page } = app;
  await closePane(page);
  rmSync(empty);
  const panel = await openPane(page);
  const entry = recentEntry(panel, empty);
  await entry.getByText('Missing', { exact: true }).waitFor();
  assert.match(await entry.innerText(), /The file is no longer at this path/);
  assert.equal(await entry.getByRole('button').count(), 0);
  assert.equal(await recentEntry(panel, second).getByRole('button', { name: /^Open Second inquiry\.sqlite/ }).count(), 1);
  await closePane(page);
});

test('the page reported no problems (CSP refusals, console errors)', () => {
  assert.deepEqual(app.pageProblems, []);
});
