// Imports as a clerk does them: files from tests/fixtures/import chosen through
// the page, read, mapped (and a mapping fixed), previewed, committed, opened
// and undone, on a real store through the real API, in Chromium. Run after
// `npx vite build` with `npx tsx --test tests/e2e/imports.e2e.ts`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import type { FileChooser, Locator, Page } from 'playwright-core';
import { IMPORT_OFFERED_EVENT } from '../../shared/contract/imports.ts';
import { launchApp, seriousAxeViolations, type LaunchedApp } from './harness.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');
const fixture = (name: string) => join(FIXTURES, name);

let app: LaunchedApp;
/** Waiting for the next file chooser. The listener is there from the start: Playwright turns on its
 * interception of choosers asynchronously, so one registered just before a key press can miss it. */
const chooserWaiters: ((chooser: FileChooser) => void)[] = [];
function nextFileChooser(): Promise<FileChooser> {
  return new Promise((resolve) => chooserWaiters.push(resolve));
}

before(async () => {
  app = await launchApp();
  app.page.on('filechooser', (chooser) => chooserWaiters.shift()?.(chooser));
  await app.page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
});

after(async () => {
  await app?.close();
});

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Waits until the element holds focus (focus moves a frame after a render). */
async function waitForFocus(locator: Locator): Promise<void> {
  await locator.waitFor();
  const handle = await locator.elementHandle();
  await app.page.waitForFunction((element) => element === document.activeElement, handle);
}

async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.locator(':scope > th, :scope > td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** The whole page as a window that tall shows it (the sticky status bar at the bottom). */
async function wholePageScreenshot(name: string): Promise<void> {
  const { page } = app;
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => {
    const pane = document.querySelector('.detail-pane .pane-inner');
    const bar = document.querySelector('.statusbar');
    return Math.max(document.documentElement.scrollHeight, (pane?.scrollHeight ?? 0) + (bar?.getBoundingClientRect().height ?? 0) + 2);
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  try {
    await app.screenshot(name);
  } finally {
    await page.setViewportSize(viewport);
  }
}

async function noSeriousAxe(page: Page, when: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `no serious accessibility problems ${when}`);
}

function flow(page: Page): Locator {
  return page.getByRole('region', { name: /^Import of / });
}

function stepHeading(page: Page, name: RegExp): Locator {
  return page.getByRole('heading', { level: 3, name });
}

/** The quiet line above each step: the preview's counts, once no update is pending. */
async function previewSays(page: Page, counts: string): Promise<void> {
  await page.locator('.preview-updating').getByText('Preview up to date').waitFor();
  await page.locator('.preview-counts, .counts-summary').getByText(counts, { exact: false }).waitFor();
}

async function storeCounts(): Promise<Record<string, number>> {
  return app.api.call('store.counts', {});
}

async function chooseFile(page: Page, name: string): Promise<void> {
  await page.locator('input[type="file"]').first().setInputFiles(fixture(name));
}

/** Puts away the file on screen, whichever state its import is in. */
async function closeFlow(page: Page): Promise<void> {
  const button = flow(page).getByRole('button', { name: /^(Close|Cancel this import)$/ });
  if ((await button.count()) > 0) await button.click();
  await page.getByRole('region', { name: 'Start an import' }).waitFor();
}

async function goToImports(page: Page): Promise<void> {
  await page.keyboard.press('Alt+6');
  await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
}

/** Presses Tab until the element is focused: proof it is reached by keyboard, in order. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${String(target)}`);
}

test('the Imports page (Alt+6) says what belongs here and offers the start: a button and the whole window to drop on', async () => {
  const { page } = app;
  await goToImports(page);
  const main = page.getByRole('main');
  await main.getByText('No spreadsheets have been imported into this store yet.').waitFor();
  assert.match(await main.innerText(), /every rejected row and its reason, and a way to undo it/);
  const start = page.getByRole('button', { name: 'Import a spreadsheet' });
  assert.ok(await start.isVisible());
  assert.equal(await page.locator('input[type="file"]').getAttribute('accept'), '.csv,.xlsx,.ods,.xls');
  assert.match(await page.getByRole('region', { name: 'Start an import' }).innerText(), /drop it anywhere on this window/);
  await noSeriousAxe(page, 'on the empty Imports page');
  await wholePageScreenshot('imports-0-empty');
});

test('a PDF renamed .csv is refused with a message naming the file, and nothing is stored', async () => {
  const { page } = app;
  const before = await storeCounts();
  await chooseFile(page, 'budget-really-pdf.csv');
  const refusal = page.locator('#import-refusal');
  await waitForFocus(refusal);
  const text = await refusal.innerText();
  assert.match(text, /budget-really-pdf\.csv was not read/);
  assert.match(text, /budget-really-pdf\.csv is really a PDF document; Scrutiny Desk reads CSV, XLSX, ODS and XLS files\./);
  assert.match(text, /Where: budget-really-pdf\.csv/);
  assert.match(text, /Nothing was stored/);
  assert.equal(await page.getByRole('button', { name: 'Choose another file' }).count(), 1);
  assert.deepEqual(await storeCounts(), before, 'the store is exactly as it was');
  await noSeriousAxe(page, 'with a refusal shown');
  await flow(page).getByRole('button', { name: 'Close' }).click();
  await page.getByRole('region', { name: 'Start an import' }).waitFor();
});

const VRU = 'vru-programmes-formulas.xlsx';

test('Read: the file facts, the header under its title row, the skipped totals row, and the suggested target', async () => {
  const { page } = app;
  await chooseFile(page, VRU);
  const heading = stepHeading(page, /Step 1 of 4: Read the file/);
  await waitForFocus(heading);
  const facts = page.locator('.read-facts');
  const text = await facts.innerText();
  assert.match(text, new RegExp(`File\\s+${VRU.replace(/\./g, '\\.')}`));
  assert.match(text, /Kind\s+Excel workbook \(XLSX\)/);
  assert.match(text, /Sheet\s+Programmes \(9 rows\)/);
  assert.match(text, /Header found on row 3 under 1 title row:/);
  assert.match(text, /Row 1: “VRU commissioned programmes 2023-24”/);
  assert.match(text, /7 columns: A Programme, B Provider, C Start date, D Budget, E Spent, F Remaining, G Spent share/);
  assert.match(text, /5 rows of data under the header; 1 row skipped/);
  assert.doesNotMatch(text, /Encoding/, 'a workbook has no text encoding');
  await facts.getByText('Why it was skipped').click();
  assert.match(await facts.innerText(), /Row 9 adds up the rows above it \(D9 holds =SUM\(D4:D8\)\), so it is a totals row\./);
  assert.equal(await page.getByLabel('Header row').inputValue(), '3');

  const services = page.getByRole('radio', { name: /^Services register/ });
  assert.ok(await services.isChecked(), 'the best match is chosen');
  const targets = page.getByRole('group', { name: 'What does this file hold?' });
  assert.match(await targets.innerText(), /Services register\s*Suggested\s*77% match: headers for Service name, Provider and Start date/);
  assert.match(await targets.innerText(), /Funding lines\s*17% match: headers for Service, Allocated and Spent/);

  // The steps: Read is the current one.
  const steps = page.getByRole('navigation', { name: 'Import steps' });
  assert.equal(await steps.getByRole('button', { name: /Read/ }).getAttribute('aria-current'), 'step');
  assert.deepEqual((await steps.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), ['1 Read', '2 Map', '3 Preview', '4 Commit']);
  await noSeriousAxe(page, 'on the Read step');
  await wholePageScreenshot('imports-1-read');
});

test('Map: funding lines chosen, a required field missing stops the import; fixing the mapping changes the counts', async () => {
  const { page } = app;
  // The keyboard chooses the target: arrows move through the radio group.
  await page.getByRole('radio', { name: /^Services register/ }).focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: /^Funding lines/ }).isChecked());
  await page.getByRole('button', { name: 'Continue to Map' }).click();
  await waitForFocus(stepHeading(page, /Step 2 of 4: Map the columns/));
  assert.equal(await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Map/ }).getAttribute('aria-current'), 'step');

  const mapping = page.getByRole('table', { name: /How the columns of vru-programmes-formulas\.xlsx map to funding lines/ });
  await mapping.waitFor();
  const fields = (await mapping.locator('tbody tr th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.deepEqual(fields, [
    'Service Optional', 'Fund Optional', 'Financial year Required', 'Borough Optional', 'Allocated Optional', 'Spent Optional', 'Amount Optional', 'Measure Optional',
  ]);
  // Each select shows the file's columns with their letter, header and sample values.
  const amount = page.getByLabel('Amount', { exact: true });
  assert.equal(await amount.inputValue(), 'F');
  assert.match(await amount.locator('option:checked').innerText(), /^F · Remaining: £62,500, £18,000, £60,000$/);
  const amountRow = mapping.locator('tbody tr', { has: page.getByLabel('Amount', { exact: true }) });
  assert.match(await amountRow.innerText(), /Check this guess: 60% sure: 5 of 5 values are amounts/);
  assert.match(await mapping.locator('tbody tr', { has: page.getByLabel('Spent', { exact: true }) }).innerText(), /Guessed, 95% sure: header says "Spent"; 5 of 5 values are amounts/);

  // The financial year is missing: an error by the field and in the list, and the import is held back.
  const yearSelect = page.getByLabel('Financial year', { exact: true });
  assert.equal(await yearSelect.getAttribute('aria-invalid'), 'true');
  const problems = page.getByRole('region', { name: 'Problems with the mapping' });
  assert.match(await problems.innerText(), /Error: Financial year is needed: map a column to it/);
  assert.match(await problems.innerText(), /Warning: No fund is given/);
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Commit/ }).click();
  const importButton = page.getByRole('button', { name: /^Import \d+ rows?$/ });
  assert.equal(await importButton.getAttribute('aria-disabled'), 'true');
  assert.match(await page.locator('#import-blocker').innerText(), /Not yet:\s+Fix this problem in the mapping first: Financial year is needed: map a column to it\./);
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Map/ }).click();

  // Fix 1: one financial year for the whole file. The guessed Amount column now clashes with Budget.
  await page.getByLabel('Financial year', { exact: true }).selectOption({ label: 'One value for the whole file…' });
  const yearInput = page.getByLabel('Financial year for every row');
  await yearInput.waitFor();
  await yearInput.pressSequentially('2023-24', { delay: 30 });
  assert.equal(await yearInput.inputValue(), '2023-24', 'typing was never held up by the preview');
  await previewSays(page, '5 rows: 0 new, 0 updated, 0 duplicate, 5 rejected; 1 row skipped');
  assert.doesNotMatch(await problems.innerText(), /Financial year is needed/);

  // Fix 2: "Remaining" is not an amount to store.
  await page.getByLabel('Amount', { exact: true }).selectOption('');
  await previewSays(page, '5 rows: 10 new funding lines, 0 updated, 0 duplicate, 0 rows rejected; 1 row skipped');
  await page.locator('.preview-state').getByText('5 new services').waitFor();
  assert.match(await amountRow.innerText(), /You changed this\. Scrutiny Desk suggested column F \(Remaining\), 60% sure/);

  await page.getByLabel('Save this mapping as (optional)').fill('VRU programmes budget and spend');
  assert.equal(await page.getByLabel('Amounts in the Amount column are').count(), 0, 'no measure to choose without an Amount column');
  await noSeriousAxe(page, 'on the Map step');
  await wholePageScreenshot('imports-2-map');
});

test('Preview: the rows as they will be stored, with each row\'s outcome in words and its diagnostics on demand', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Continue to Preview' }).click();
  await waitForFocus(stepHeading(page, /Step 3 of 4: Check the preview/));
  assert.equal(
    await page.locator('.counts-summary').innerText(),
    '5 rows: 10 new funding lines, 0 updated, 0 duplicate, 0 rows rejected; 1 row skipped',
  );
  const table = page.getByRole('table', { name: 'The first 5 rows of 5 as they will be stored' });
  assert.deepEqual(await cellTexts(table.locator('thead tr')), ['Row', 'Outcome', 'Service', 'Financial year', 'Allocated', 'Spent', 'Details']);
  const rows = table.locator('tbody > tr');
  assert.deepEqual(await cellTexts(rows.nth(0)), ['4', 'New', 'Your Choice (new service)', '2023-24', '£250,000', '', 'Details of row 4']);
  assert.deepEqual(await cellTexts(rows.nth(1)), ['New', 'Your Choice (new service)', '2023-24', '', '£187,500']);
  assert.deepEqual(await cellTexts(rows.nth(4)), ['6', 'New', 'MyEnds (new service)', '2023-24', '£120,000', '', 'Details of row 6']);

  const details = table.getByRole('button', { name: 'Details of row 4' });
  await details.click();
  assert.equal(await details.getAttribute('aria-expanded'), 'true');
  const diagnostics = page.getByRole('table', { name: 'What Scrutiny Desk made of each cell of row 4' });
  const diagText = await diagnostics.innerText();
  assert.match(diagText, /D Budget\s+£250,000\s+Understood/);
  assert.match(diagText, /A Programme\s+Your Choice\s+Note/);
  await details.click();
  assert.equal(await diagnostics.count(), 0);

  assert.match(await page.getByRole('region', { name: /^Rejected rows/ }).innerText(), /Rejected rows \(0\)\s+No row is rejected\./);
  await noSeriousAxe(page, 'on the Preview step');
  await wholePageScreenshot('imports-3-preview');
});

test('Commit: the job\'s progress in the page and the status bar, then the batch summary; app counts reload', async () => {
  const { page } = app;
  const counted = await storeCounts();
  assert.equal(counted.funding_lines, 0);
  await page.getByRole('button', { name: 'Continue to Commit' }).click();
  await waitForFocus(stepHeading(page, /Step 4 of 4: Commit the import/));
  assert.match(await page.locator('.commit-notes').innerText(), /The mapping is saved as “VRU programmes budget and spend”/);
  const importButton = page.getByRole('button', { name: 'Import 5 rows' });
  assert.equal(await importButton.getAttribute('aria-disabled'), null, 'nothing stands in the way');
  assert.equal(await page.locator('#import-blocker').count(), 0);

  // Hold back the job's first answers, so its progress can be seen while it runs.
  let held = 0;
  await page.route('**/api/jobs.get', async (route) => {
    held += 1;
    if (held <= 2) await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await importButton.click();
  const progress = page.getByRole('main').getByRole('progressbar', { name: `Importing ${VRU}` });
  await progress.waitFor();
  assert.ok((await progress.getAttribute('aria-valuetext') ?? '').length > 0, 'the job says what it is doing');
  const running = page.getByRole('status', { name: 'Running work' });
  assert.match(await running.innerText(), new RegExp(`Importing ${VRU.replace(/\./g, '\\.')}…`));
  assert.equal(await running.getByRole('progressbar').count(), 1, 'a progress bar in the status bar too');
  // The window stays usable meanwhile.
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Preview/ }).focus();

  const result = page.locator('#import-result-title');
  await waitForFocus(result);
  await page.unroute('**/api/jobs.get');
  assert.equal(await result.innerText(), `Imported ${VRU}`);
  const region = page.getByRole('region', { name: `Imported ${VRU}` });
  assert.match(await region.innerText(), /5 rows read: 10 new funding lines, 0 updated, 0 duplicate; 0 rows rejected\./);
  assert.match(await region.innerText(), /Saved mapping\s+VRU programmes budget and spend/);
  assert.match(await running.innerText(), /Nothing running/);
  await page.getByRole('status', { name: 'Import updates' }).getByText(`Imported ${VRU}: 5 rows read`).waitFor();

  const stored = await storeCounts();
  assert.equal(stored.funding_lines, 10);
  assert.equal(stored.services, 5);
  assert.equal(stored.import_batches, 1);
  assert.equal(stored.import_profiles, 1);
  await noSeriousAxe(page, 'with the import done');
  await wholePageScreenshot('imports-4-done');
});

test('the batch is listed with its counts, and opens in the pane with its hash, mapping and rejections', async () => {
  const { page } = app;
  const table = page.getByRole('table', { name: '1 import, newest first' });
  await table.waitFor();
  assert.deepEqual(await cellTexts(table.locator('thead tr')), [
    'File', 'Stored as', 'Saved mapping', 'When', 'Rows read', 'New', 'Updated', 'Duplicate', 'Rejected', 'Status', 'Actions',
  ]);
  const row = table.locator('tbody tr').first();
  const cells = await cellTexts(row);
  assert.equal(cells[0], `${VRU} Sheet Programmes`);
  assert.deepEqual(cells.slice(1, 3), ['Funding lines', 'VRU programmes budget and spend']);
  assert.match(cells[3] ?? '', /^\d\d\/\d\d\/20\d\d \d\d:\d\d$/, 'UK date and time');
  assert.deepEqual(cells.slice(4, 10), ['5', '10', '0', '0', '0', 'Imported']);

  const open = row.getByRole('button', { name: `Open the import of ${VRU}` });
  await open.click();
  const pane = page.getByRole('complementary', { name: VRU });
  await pane.waitFor();
  await waitForFocus(pane.getByRole('heading', { level: 2, name: VRU }));
  const text = await pane.innerText();
  const sha = createHash('sha256').update(readFileSync(fixture(VRU))).digest('hex');
  assert.match(text, new RegExp(`SHA-256\\s+${sha}`));
  assert.match(text, /Saved mapping\s+VRU programmes budget and spend/);
  assert.match(text, /Rows read\s+5\s+New\s+10 funding lines\s+Updated\s+0\s+Duplicate\s+0\s+Rejected\s+0 rows/);
  assert.match(text, /Sheet\s+Programmes/);
  assert.match(text, /Imported on \d\d\/\d\d\/20\d\d at \d\d:\d\d/);
  assert.match(text, /Rejected rows \(0\)\s+No row was rejected\./);
  await noSeriousAxe(page, 'with the batch open in the pane');
  await wholePageScreenshot('imports-5-batch');
});

test('Undo: a confirmation says what will be removed; afterwards the batch says "Undone" with the time, and the rows are gone', async () => {
  const { page } = app;
  const pane = page.getByRole('complementary', { name: VRU });
  await pane.getByRole('button', { name: 'Undo this import…' }).click();
  const question = pane.getByRole('heading', { level: 3, name: `Undo the import of ${VRU}?` });
  await waitForFocus(question);
  const confirm = pane.getByRole('region', { name: `Undo the import of ${VRU}?` });
  assert.match(await confirm.innerText(), /This removes the 10 funding lines it added, with any organisations and services it created\. The import stays in the list, marked Undone\./);
  // "No" keeps it, and gives focus back to the button.
  await confirm.getByRole('button', { name: 'No, keep it' }).click();
  await waitForFocus(pane.getByRole('button', { name: 'Undo this import…' }));
  assert.equal((await storeCounts()).funding_lines, 10);

  await pane.getByRole('button', { name: 'Undo this import…' }).click();
  await pane.getByRole('button', { name: 'Yes, undo this import' }).click();
  const status = pane.locator('.pane-status');
  await status.getByText(/^Undone on \d\d\/\d\d\/20\d\d at \d\d:\d\d$/).waitFor();
  await waitForFocus(status);
  assert.match(await pane.innerText(), /Undone\s+\d\d\/\d\d\/20\d\d \d\d:\d\d:\d\d/);
  assert.equal(await pane.getByRole('button', { name: /Undo this import/ }).count(), 0);

  const row = page.getByRole('table', { name: '1 import, newest first' }).locator('tbody tr').first();
  await row.getByText('Undone').waitFor();
  assert.match((await cellTexts(row))[9] ?? '', /^Undone \d\d\/\d\d\/20\d\d \d\d:\d\d$/);
  assert.equal(await row.getByRole('button', { name: /^Undo/ }).count(), 0, 'an undone import cannot be undone again');

  const stored = await storeCounts();
  assert.equal(stored.funding_lines, 0);
  assert.equal(stored.services, 0);
  assert.equal(stored.import_batches, 1, 'the batch stays, as a record');
  await noSeriousAxe(page, 'after the undo');
  await wholePageScreenshot('imports-6-undone');
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });
});

test('the saved mapping is applied by itself to the next file with the same columns', async () => {
  const { page } = app;
  await closeFlow(page);
  await chooseFile(page, VRU);
  await waitForFocus(stepHeading(page, /Step 1 of 4/));
  assert.ok(await page.getByRole('radio', { name: /^Funding lines/ }).isChecked(), 'the saved mapping brings its target');
  await page.getByRole('button', { name: 'Continue to Map' }).click();
  await waitForFocus(stepHeading(page, /Step 2 of 4/));
  const banner = page.locator('.banner');
  assert.match(await banner.innerText(), /Saved mapping “VRU programmes budget and spend” applied automatically/);
  assert.equal(await page.getByLabel('Financial year for every row').inputValue(), '2023-24');
  assert.equal(await page.getByLabel('Amount', { exact: true }).inputValue(), '');
  await previewSays(page, '5 rows: 10 new funding lines, 0 updated, 0 duplicate, 0 rows rejected; 1 row skipped');
  assert.equal(await page.getByLabel('Map with a saved mapping').inputValue(), 'VRU programmes budget and spend');

  // A change of the clerk's own is said to be one.
  await page.getByLabel('Spent', { exact: true }).selectOption('');
  await previewSays(page, '5 rows: 5 new, 0 updated, 0 duplicate, 0 rejected; 1 row skipped');
  assert.match(await banner.innerText(), /Started from the saved mapping “VRU programmes budget and spend”, with your changes/);
  await page.getByRole('status', { name: 'Import updates' }).getByText('Preview updated: 5 rows: 5 new, 0 updated, 0 duplicate, 0 rejected; 1 row skipped.').waitFor();
  await closeFlow(page);
});

const PAYMENTS = 'payments-windows-1252.csv';

test('keyboard only: a Windows-1252 payments file, £ amounts with pence, a rejected row naming row and column, committed and opened', async () => {
  const { page } = app;
  await closeFlow(page);
  const start = page.getByRole('button', { name: 'Import a spreadsheet' });
  await page.getByRole('heading', { level: 1, name: 'Imports' }).focus();
  await tabTo(page, start);
  const chooser = nextFileChooser();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(fixture(PAYMENTS));

  await waitForFocus(stepHeading(page, /Step 1 of 4: Read the file/));
  const facts = await page.locator('.read-facts').innerText();
  assert.match(facts, /Kind\s+CSV \(comma-separated text\)/);
  assert.match(facts, /Encoding\s+Windows-1252 \(how Excel saves CSV on UK Windows\)/);
  assert.match(facts, /Size\s+402 bytes/);
  assert.match(facts, /Header found on row 1\./);
  assert.ok(await page.getByRole('radio', { name: /^Payments/ }).isChecked());

  await tabTo(page, page.getByRole('button', { name: 'Continue to Map' }));
  await page.keyboard.press('Enter');
  await waitForFocus(stepHeading(page, /Step 2 of 4/));
  assert.match(await page.getByRole('region', { name: 'Problems with the mapping' }).innerText(), /None\./);
  await tabTo(page, page.getByRole('button', { name: 'Continue to Preview' }));
  await page.keyboard.press('Enter');
  await waitForFocus(stepHeading(page, /Step 3 of 4/));

  assert.equal(await page.locator('.counts-summary').innerText(), '4 rows: 3 new, 0 updated, 0 duplicate, 1 rejected; 0 rows skipped');
  const table = page.getByRole('table', { name: 'The first 4 rows of 4 as they will be stored' });
  const rows = table.locator('tbody > tr');
  assert.deepEqual((await cellTexts(rows.nth(0))).slice(0, 7), ['2', 'New', '03/04/2023', 'St Giles Trust (new organisation)', '£12,500.00', 'SOS+ caseworkers – Q1', 'VRU-YP01']);
  const rejected = await cellTexts(rows.nth(1));
  assert.deepEqual(rejected.slice(0, 2), ['3', 'Rejected']);
  assert.equal(rejected[2], 'Rejected: Row 3, column C (Amount): "€2,400.00" is in another currency (€): Scrutiny Desk records pounds sterling only');
  assert.equal(await rows.nth(1).locator('.reasons .icon').count(), 1, 'the rejected cell is marked with an icon, not colour alone');
  assert.deepEqual((await cellTexts(rows.nth(2))).slice(0, 6), ['4', 'New', '26/04/2023', 'Carney’s Community (new organisation)', '£5,750.00', 'Boxing and mentoring – ‘MyEnds’ programme']);
  assert.deepEqual((await cellTexts(rows.nth(3))).slice(4, 6), ['£7,950.00', 'Youth work in A&E, May']);

  // The rejected row's diagnostics, opened from the keyboard.
  await tabTo(page, table.getByRole('button', { name: 'Details of row 3' }));
  await page.keyboard.press('Enter');
  const diagnostics = page.getByRole('table', { name: 'What Scrutiny Desk made of each cell of row 3' });
  assert.match(await diagnostics.innerText(), /C Amount\s+€2,400\.00\s+Rejected\s+"€2,400\.00" is in another currency/);
  assert.match(await diagnostics.innerText(), /D Description\s+Conference fees \(Lisbon\), “Cities against violence”/);
  assert.match(
    await page.getByRole('region', { name: 'Rejected rows (1)' }).innerText(),
    /Row 3\s+Row 3, column C \(Amount\): "€2,400\.00" is in another currency \(€\): Scrutiny Desk records pounds sterling only/,
  );
  await noSeriousAxe(page, 'on the Preview step with a rejected row open');
  await wholePageScreenshot('imports-7-payments-preview');

  await tabTo(page, page.getByRole('button', { name: 'Continue to Commit' }));
  await page.keyboard.press('Enter');
  await waitForFocus(stepHeading(page, /Step 4 of 4/));
  await tabTo(page, page.getByRole('button', { name: 'Import 3 rows' }));
  await page.keyboard.press('Enter');
  await waitForFocus(page.locator('#import-result-title'));
  assert.match(await page.getByRole('region', { name: `Imported ${PAYMENTS}` }).innerText(), /4 rows read: 3 new payments, 0 updated, 0 duplicate; 1 row rejected\./);
  assert.equal((await storeCounts()).payments, 3);

  const open = page.getByRole('button', { name: 'Open this import' });
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary', { name: PAYMENTS });
  await waitForFocus(pane.getByRole('heading', { level: 2, name: PAYMENTS }));
  const rejection = pane.getByRole('listitem').filter({ hasText: 'Row 3, column C' });
  const text = await rejection.innerText();
  assert.match(text, /Row 3, column C\s+Row 3, column C \(Amount\): "€2,400\.00" is in another currency \(€\): Scrutiny Desk records pounds sterling only/);
  assert.match(text, /Date\s+19\/04\/2023/);
  assert.match(text, /Supplier\s+European Forum for Urban Security/);
  assert.match(text, /Amount\s+€2,400\.00\s+rejected/);
  assert.match(text, /Description\s+Conference fees \(Lisbon\), “Cities against violence”/);
  assert.match(text, /Cost centre\s+MOPAC-PP01/);
  await noSeriousAxe(page, 'with a batch with a rejection open');
  await wholePageScreenshot('imports-8-payments-batch');
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });
  assert.ok(await isFocused(open), 'Escape gives focus back to what opened the pane');
});

test('"Undo…" in the list opens the import with the question already asked; "No" keeps it', async () => {
  const { page } = app;
  const row = page.getByRole('table', { name: /imports, newest first/ }).locator('tbody tr', { hasText: PAYMENTS });
  const undo = row.getByRole('button', { name: `Undo… the import of ${PAYMENTS}` });
  await undo.click();
  const pane = page.getByRole('complementary', { name: PAYMENTS });
  await waitForFocus(pane.getByRole('heading', { level: 3, name: `Undo the import of ${PAYMENTS}?` }));
  assert.match(
    await pane.getByRole('region', { name: `Undo the import of ${PAYMENTS}?` }).innerText(),
    /This removes the 3 payments it added, with any organisations and services it created\. The 1 row it rejected was never stored\./,
  );
  await pane.getByRole('button', { name: 'No, keep it' }).click();
  await page.keyboard.press('Escape');
  await pane.waitFor({ state: 'detached' });
  assert.ok(await isFocused(undo), 'focus goes back to the list');
  assert.equal((await storeCounts()).payments, 3);
});

test('a file changed between its preview and the import is refused with where and what to do; previewing again lets it in', async () => {
  const { page } = app;
  await closeFlow(page);
  const before = await storeCounts();
  await page.locator('input[type="file"]').first().setInputFiles({
    name: 'payments-july.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Supplier,Amount\n03/07/2023,Redthread,£100.00\n', 'utf8'),
  });
  await waitForFocus(stepHeading(page, /Step 1 of 4/));
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Commit/ }).click();
  await waitForFocus(stepHeading(page, /Step 4 of 4/));

  // The file is changed where Scrutiny Desk keeps it, as a file on disk can be changed by another program.
  const uploads = app.context.uploadsDir;
  const kept = readdirSync(uploads)
    .map((dir) => join(uploads, dir, 'payments-july.csv'))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  assert.ok(kept !== undefined, 'the uploaded copy is kept by main');
  appendFileSync(kept, '04/07/2023,Redthread,£200.00\n');

  await page.getByRole('button', { name: 'Import 1 row' }).click();
  const problem = page.locator('#import-commit-problem');
  await waitForFocus(problem);
  const text = await problem.innerText();
  assert.match(text, /payments-july\.csv was not imported/);
  assert.match(text, /payments-july\.csv has changed since it was previewed; nothing was imported\./);
  assert.match(text, /Where: payments-july\.csv/);
  assert.match(text, /What you can do: Preview it again, then import\./);
  assert.deepEqual((await storeCounts()).payments, before.payments, 'nothing was stored');
  await noSeriousAxe(page, 'with an import refused');
  await wholePageScreenshot('imports-9-changed-file');

  await problem.getByRole('button', { name: 'Preview the file again' }).click();
  await page.locator('.counts-summary').getByText('2 rows: 2 new, 0 updated, 0 duplicate, 0 rejected; 0 rows skipped').waitFor();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await waitForFocus(page.locator('#import-result-title'));
  assert.equal((await storeCounts()).payments, (before.payments ?? 0) + 2);
});

test('a workbook with several sheets: the clerk picks the sheet, and the file is read again from it', async () => {
  const { page } = app;
  await closeFlow(page);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['About this workbook'], ['Payments over £500, Q2 2023-24']]), 'Read me');
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([
    ['Date', 'Supplier', 'Amount', 'Description'],
    ['05/07/2023', 'Safer London', '£2,500.50', 'Rescue and Response, July'],
    ['12/07/2023', 'Catch22', '£1,200.00', 'Gangs exit programme'],
  ]), 'Payments Q2');
  const buffer = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  await page.locator('input[type="file"]').first().setInputFiles({
    name: 'payments-q2.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer,
  });
  await waitForFocus(stepHeading(page, /Step 1 of 4/));
  const sheet = page.getByLabel('Sheet', { exact: true });
  assert.deepEqual(await sheet.locator('option').allInnerTexts(), ['Read me (2 rows)', 'Payments Q2 (3 rows)']);
  await sheet.selectOption('Payments Q2');
  await page.locator('.read-facts').getByText('2 rows of data under the header; 0 rows skipped').waitFor();
  assert.equal(await sheet.inputValue(), 'Payments Q2');
  assert.ok(await page.getByRole('radio', { name: /^Payments/ }).isChecked());
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Preview/ }).click();
  const rows = page.getByRole('table', { name: /as they will be stored/ }).locator('tbody > tr');
  assert.deepEqual((await cellTexts(rows.nth(0))).slice(2, 5), ['05/07/2023', 'Safer London (new organisation)', '£2,500.50']);
  await closeFlow(page);
});

test('an organisation name that is nearly a known one waits for the clerk; the import is held back until it is decided', async () => {
  const { page } = app;
  await closeFlow(page);
  const before = await storeCounts();
  await page.locator('input[type="file"]').first().setInputFiles({
    name: 'payments-june.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Date,Supplier,Amount\n03/06/2023,St Giles Trst,"£1,000.50"\n04/06/2023,Redthread,£20.00\n', 'utf8'),
  });
  await waitForFocus(stepHeading(page, /Step 1 of 4/));
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Preview/ }).click();
  await waitForFocus(stepHeading(page, /Step 3 of 4/));
  const organisations = page.getByRole('region', { name: 'Organisations' });
  assert.match(await organisations.innerText(), /1 name needs your decision\./);
  const group = organisations.getByRole('group', { name: /“St Giles Trst”/ });
  assert.match(await group.innerText(), /The known organisation St Giles Trust\s+93% alike: spelt almost the same/);
  assert.match(await group.innerText(), /Create a new organisation “St Giles Trst”/);
  await organisations.getByText('1 name matches a known organisation').click();
  assert.match(await organisations.innerText(), /“Redthread” is Redthread \(same name\)/);

  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Commit/ }).click();
  assert.match(await page.locator('#import-blocker').innerText(), /Decide who the organisation name under Preview is first\./);
  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Preview/ }).click();

  await group.getByRole('radio', { name: 'The known organisation St Giles Trust' }).check();
  await page.locator('.preview-updating').getByText('Preview up to date').waitFor();
  await organisations.getByText('Every uncertain name is decided.').waitFor();
  assert.ok(await group.getByRole('radio', { name: 'The known organisation St Giles Trust' }).isChecked(), 'the decision stays in view');
  await organisations.getByText('2 names match a known organisation').click(); // the step was left and entered again: closed anew
  assert.match(await organisations.innerText(), /“St Giles Trst” is St Giles Trust \(you confirmed it\)/);
  const rows = page.getByRole('table', { name: /as they will be stored/ }).locator('tbody > tr');
  assert.deepEqual((await cellTexts(rows.nth(0))).slice(2, 5), ['03/06/2023', 'St Giles Trust', '£1,000.50']);
  await noSeriousAxe(page, 'with an organisation to decide');

  await page.getByRole('navigation', { name: 'Import steps' }).getByRole('button', { name: /Commit/ }).click();
  assert.equal(await page.locator('#import-blocker').count(), 0);
  await flow(page).getByRole('button', { name: 'Cancel this import' }).click();
  await page.getByRole('region', { name: 'Start an import' }).waitFor();
  assert.deepEqual(await storeCounts(), before, 'a cancelled import stores nothing');
});

test('a file dropped anywhere on the window goes to Imports and is read: title rows, year columns and their measure', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+1');
  await page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
  const base64 = readFileSync(fixture('lcpf-allocations.xlsx')).toString('base64');
  await page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const file = new File([bytes], 'lcpf-allocations.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const target = document.querySelector('main') ?? document.body;
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, base64);
  await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
  await waitForFocus(stepHeading(page, /Step 1 of 4/));
  assert.equal(new URL(page.url()).hash, '#/imports');
  const facts = await page.locator('.read-facts').innerText();
  assert.match(facts, /Header found on row 5 under 2 title rows:/);
  assert.match(facts, /Row 1: “MOPAC London Crime Prevention Fund: direct borough allocations 2022-25”/);
  assert.match(facts, /Row 2: “Published by MOPAC\. Figures in pounds \(£\)\.”/);
  assert.match(facts, /8 rows of data under the header; 4 rows skipped/);
  assert.ok(await page.getByRole('radio', { name: /^Funding lines/ }).isChecked());

  await page.getByRole('button', { name: 'Continue to Map' }).click();
  const years = page.getByRole('group', { name: 'One column per financial year' });
  await years.waitFor();
  assert.ok(await years.getByRole('checkbox', { name: 'C LCPF allocation 2022-23' }).isChecked());
  await years.getByRole('combobox', { name: 'Measure of column C (LCPF allocation 2022-23)' }).selectOption('spent');
  await previewSays(page, '8 rows: 24 new funding lines');
  await page.getByLabel('Fund', { exact: true }).selectOption({ label: 'One value for the whole file…' });
  await page.getByLabel('Fund for every row').fill('LCPF-DIRECT');
  await previewSays(page, '8 rows: 24 new funding lines');
  assert.doesNotMatch(await page.getByRole('region', { name: 'Problems with the mapping' }).innerText(), /No fund is given/);
  await page.getByRole('button', { name: 'Continue to Preview' }).click();
  const rows = page.getByRole('table', { name: /as they will be stored/ }).locator('tbody > tr');
  assert.deepEqual(await cellTexts(page.getByRole('table', { name: /as they will be stored/ }).locator('thead tr')), [
    'Row', 'Outcome', 'Fund', 'Borough', 'Financial year', 'Spent', 'Allocated', 'Details',
  ]);
  const fund = (await cellTexts(rows.nth(0)))[2] ?? '';
  assert.match(fund, /LCPF/);
  assert.deepEqual((await cellTexts(rows.nth(0))).slice(0, 7), ['6', 'New', fund, 'Barking and Dagenham', '2022-23', '£402,000', '']);
  assert.deepEqual((await cellTexts(rows.nth(1))).slice(0, 6), ['New', fund, 'Barking and Dagenham', '2023-24', '', '£407,500']);
  await noSeriousAxe(page, 'after a dropped file');
  await flow(page).getByRole('button', { name: 'Cancel this import' }).click();
});

test('a file chosen from the desktop File menu (left with main, announced by an event) opens in the Imports flow from any page', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+1');
  await page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
  app.context.offerImport(fixture('lcpf-allocations.xlsx'));
  await page.evaluate((name) => window.dispatchEvent(new Event(name)), IMPORT_OFFERED_EVENT);
  await flow(page).getByText('Import of lcpf-allocations.xlsx').waitFor();
  assert.match(page.url(), /#\/imports$/);
  await flow(page).getByRole('button', { name: 'Cancel this import' }).click();
});

test('nothing went wrong in the page', () => {
  assert.deepEqual(app.pageProblems, []);
});
