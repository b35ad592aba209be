// Services and Budgets as an investigator uses them: services, funding and payments
// imported from spreadsheets into a real store, then found, sorted, grouped, edited
// in place (and the edit undone), opened beside the list, added and deleted; and the
// Budgets page's charts, tables, tile map and checks set against the API's figures.
// Run after `npx vite build` with `npx tsx --test tests/e2e/services.e2e.ts`.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { formatMoney, formatMoneyShort } from '../../shared/money.ts';
import type { ServiceRow } from '../../shared/services-schemas.ts';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { launchApp, seriousAxeViolations, type LaunchedApp } from './harness.ts';

const SERVICES_CSV = `Reference,Service name,Provider,Commissioner,Category,Boroughs served,Start date,End date,Aims,Outcomes
SVC-001,Rescue and Response,St Giles Trust,MOPAC,Violence reduction,Camden; Islington,01/04/2022,31/03/2027,Support for young people exploited through county lines.,Fewer young people drawn into county lines.
SVC-002,London Victim and Witness Service,Victim Support,MOPAC,Victim support,London-wide,01/04/2022,31/03/2027,Emotional and practical support for victims and witnesses of crime across London.,Victims feel supported to cope and recover.
SVC-003,Hate crime advocacy,Stop Hate UK,MOPAC,Victim support,Hackney,01/10/2023,30/09/2025,Advocacy for victims of hate crime.,More victims report and stay engaged.
SVC-004,A&E youth work,Redthread,VRU,Violence reduction,Southwark; Lambeth; Croydon,03/04/2023,31/03/2026,Youth workers in A&E departments reaching young people at a teachable moment.,Fewer repeat attendances for violent injury.
SVC-005,Parenting support,Family Action,VRU,Early intervention,Westminster,01/09/2023,31/08/2024,Parenting programmes for families of children at risk of exclusion.,Parents report more confidence.
SVC-006,Domestic abuse advocacy for women in refuges and in the community across north London,Solace Women's Aid,MOPAC,Domestic abuse,Camden; Barnet,01/04/2021,31/03/2024,Independent domestic violence advocates.,Safer housing outcomes.
`;

const FUNDING_CSV = `Service reference,Fund,Financial year,Borough,Allocated,Spent
SVC-001,LCPF-COCOM,2022-23,Camden,"£250,000.00","£240,000.50"
SVC-001,LCPF-COCOM,2023-24,Camden,"£260,000.00","£255,500.00"
SVC-001,LONDON-WIDE,2023-24,Islington,"£40,000.25",£0
SVC-001,LCPF-COCOM,2024-25,Camden,"£270,000.00",
SVC-002,LONDON-WIDE,2022-23,,"£1,200,000.00","£1,180,000.00"
SVC-002,LONDON-WIDE,2023-24,,"£1,250,000.00","£1,249,999.99"
SVC-002,LONDON-WIDE,2024-25,,"£1,300,000.00",
SVC-003,LCPF-DIRECT,2023-24,Hackney,"£80,000.00","£79,000.00"
SVC-003,LCPF-DIRECT,2024-25,Hackney,"£85,000.00",
SVC-004,LCPF-VRU,2023-24,Southwark,"£150,000.00","£150,000.00"
SVC-004,LCPF-VRU,2023-24,Lambeth,"£120,000.00","£118,250.00"
SVC-004,LCPF-VRU,2024-25,Croydon,"£175,000.00",
SVC-005,LCPF-VRU,2023-24,Westminster,"£60,000.00","£45,000.00"
SVC-006,DASA,2022-23,Camden,"£310,000.00","£310,000.00"
SVC-006,DASA,2023-24,Barnet,"£320,000.00","£300,000.00"
`;

const PAYMENTS_CSV = `Date,Supplier,Amount,Description
03/04/2024,St Giles Trust,"£65,000.00","Rescue and Response, Q1 grant"
03/07/2024,St Giles Trust,"£65,000.00","Rescue and Response, Q2 grant"
12/04/2024,Victim Support,"£108,333.33","London Victim and Witness Service, April"
28/04/2024,Redthread,"£14,583.33",Youth work in A&E departments
`;

let app: LaunchedApp;

async function importFile(name: string, text: string | null, target: 'services' | 'funding' | 'payments', fund?: string): Promise<void> {
  const path = text === null ? join(PROJECT_ROOT, 'tests', 'fixtures', 'import', name) : join(app.dir, name);
  if (text !== null) writeFileSync(path, text);
  const { mapping } = await app.api.call('imports.preview', { path, target });
  const job = await app.api.call('imports.commit', {
    path, target, mapping: fund === undefined ? mapping : { ...mapping, constants: { ...mapping.constants, fund } },
  });
  const done = await app.context.jobs.settle(job.id);
  assert.equal(done.state, 'done', `${name} imported: ${done.error?.message ?? ''}`);
}

before(async () => {
  app = await launchApp();
  await app.page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
  await importFile('mopac-services.csv', SERVICES_CSV, 'services');
  await importFile('funding-2022-25.csv', FUNDING_CSV, 'funding');
  await importFile('payments-over-500.csv', PAYMENTS_CSV, 'payments');
  await importFile('lcpf-allocations.xlsx', null, 'funding', 'LCPF-DIRECT');
});

after(async () => {
  await app?.close();
});

async function rows(): Promise<ServiceRow[]> {
  return (await app.api.call('services.list', {})).rows;
}

async function byName(name: string): Promise<ServiceRow> {
  const row = (await rows()).find((r) => r.name === name);
  assert.ok(row, `the store holds "${name}"`);
  return row;
}

async function noSeriousAxe(page: Page, when: string): Promise<void> {
  assert.deepEqual(await seriousAxeViolations(page), [], `no serious accessibility problems ${when}`);
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

async function waitForFocus(locator: Locator): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < 50; i += 1) {
    if (await isFocused(locator)) return;
    await app.page.waitForTimeout(20);
  }
  assert.fail(`focus never reached ${String(locator)}`);
}

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Commissioned services' });
}

/** The service rows as shown (not group rows), in order. */
function bodyRows(page: Page): Locator {
  return grid(page).locator('tbody tr[data-service-id]');
}

async function shownNames(page: Page): Promise<string[]> {
  return (await bodyRows(page).locator('td:first-child').allInnerTexts()).map((t) => t.trim());
}

/** A service's row, found by its id in the store (its cells may hold an editor rather than text). */
async function rowOf(page: Page, name: string): Promise<Locator> {
  const all = await rows();
  const row = all.find((r) => r.name === name) ?? all.find((r) => r.name.startsWith(name));
  assert.ok(row, `the store holds "${name}"`);
  return bodyRows(page).and(page.locator(`[data-service-id="${row.id}"]`));
}

/** A column's cell in a row: by the column's position in the header. */
async function cellOf(page: Page, name: string, column: string): Promise<Locator> {
  const headers = (await grid(page).locator('thead tr').first().locator('th').allInnerTexts()).map((t) => t.replace(/[▲▼↕]\d*$/u, '').replace(/\s+/g, ' ').trim());
  const index = headers.findIndex((h) => h === column);
  assert.ok(index >= 0, `a column headed "${column}" (have: ${headers.join(', ')})`);
  return (await rowOf(page, name)).locator(`td[aria-colindex="${index + 1}"]`);
}

async function rowCount(page: Page): Promise<string> {
  return (await page.locator('#services-row-count .row-count-figure').innerText()).trim();
}

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

test('the Services page (Alt+2) lists every service with the row count, money right-aligned and a totals row exact to the penny', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+2');
  await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
  await bodyRows(page).first().waitFor();
  const all = await rows();
  assert.equal(all.length, 6);
  assert.equal(await rowCount(page), 'All 6 services');
  assert.equal(await grid(page).getAttribute('aria-rowcount'), String(6 + 3), 'header, filters, 6 rows and the totals row');
  assert.deepEqual(await shownNames(page), all.map((r) => r.name).sort((a, b) => a.localeCompare(b)).map((n) => n), 'every service is listed');

  const allocated = all.reduce((sum, r) => sum + r.allocatedPence, 0);
  const spent = all.reduce((sum, r) => sum + r.spentPence, 0);
  const totals = grid(page).locator('tfoot tr');
  assert.equal(await totals.getAttribute('aria-rowindex'), '9');
  const totalText = (await totals.innerText()).replace(/\s+/g, ' ');
  assert.match(totalText, /Total, 6 services/);
  assert.ok(totalText.includes(formatMoney(allocated)), `the total allocated ${formatMoney(allocated)} is shown (${totalText})`);
  assert.ok(totalText.includes(formatMoney(spent)), `the total spent ${formatMoney(spent)} is shown`);
  assert.equal(formatMoney(allocated), '£5,870,000.25');

  const money = await cellOf(page, 'Rescue and Response', 'Allocated');
  assert.equal((await money.innerText()).trim(), '£820,000.25');
  assert.equal(await money.evaluate((el) => getComputedStyle(el).textAlign), 'right');
  assert.match(await money.evaluate((el) => getComputedStyle(el).fontVariantNumeric), /tabular-nums/);
  const height = await bodyRows(page).first().evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(height >= 28 && height <= 32, `dense rows (${height}px)`);

  // A long name is cut short on screen, whole on hover.
  const long = await cellOf(page, 'Domestic abuse advocacy', 'Service');
  assert.equal(await long.getAttribute('title'), 'Domestic abuse advocacy for women in refuges and in the community across north London');
  assert.ok(await long.locator('.svc-cell-text').evaluate((el) => el.scrollWidth > el.clientWidth), 'the long name is truncated in its cell');
  await noSeriousAxe(page, 'on the Services table');
  await app.screenshot('services-table');
});

test('find a service: the filter across all columns, a column filter, and an amount filter', async () => {
  const { page } = app;
  const search = page.getByLabel('Filter all columns');
  await search.fill('giles');
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === '1 of 6 services');
  assert.deepEqual(await shownNames(page), ['Rescue and Response']);
  assert.match(await grid(page).locator('tfoot').innerText(), /Total, 1 service\b[\s\S]*£820,000\.25/);
  await search.fill('victim london');
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === '1 of 6 services');
  assert.deepEqual(await shownNames(page), ['London Victim and Witness Service'], 'every word must match, in any column');
  await search.fill('');

  const boroughs = page.getByLabel('Filter Boroughs');
  await boroughs.fill('camden');
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === '2 of 6 services');
  assert.deepEqual(await shownNames(page), ['Domestic abuse advocacy for women in refuges and in the community across north London', 'Rescue and Response']);
  await boroughs.fill('');

  const allocated = page.getByLabel('Filter Allocated', { exact: true });
  await allocated.fill('> £1m');
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === '1 of 6 services');
  assert.deepEqual(await shownNames(page), ['London Victim and Witness Service']);
  await allocated.fill('100k-500k');
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === '2 of 6 services');
  assert.deepEqual(await shownNames(page), ['A&E youth work', 'Hate crime advocacy']);
  // An amount that cannot be read is said, and not applied.
  await allocated.fill('> lots');
  await page.getByText('The filter on Allocated is not applied').waitFor();
  assert.equal(await allocated.getAttribute('aria-invalid'), 'true');
  assert.equal(await rowCount(page), 'All 6 services');
  await page.getByRole('button', { name: 'Clear the filters' }).first().click();
  assert.equal(await allocated.inputValue(), '');
  assert.equal(await rowCount(page), 'All 6 services');
});

test('sort by allocated: the marker and aria-sort say so, and the rows follow, largest first then smallest', async () => {
  const { page } = app;
  const header = grid(page).locator('thead th', { has: page.getByRole('button', { name: /^Allocated ?[▲▼↕]?$/u }) });
  const button = header.getByRole('button');
  const expected = (await rows()).sort((a, b) => b.allocatedPence - a.allocatedPence).map((r) => r.name);
  await button.click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.equal((await header.locator('.svc-sort-mark').innerText()).trim(), '▼');
  assert.deepEqual(await shownNames(page), expected);
  assert.equal(await bodyRows(page).first().getAttribute('aria-rowindex'), '3');
  await page.getByRole('status', { name: 'Services updates' }).getByText('Sorted by Allocated, largest first.').waitFor();
  // From the keyboard: Enter on the focused header sorts the other way.
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.equal((await header.locator('.svc-sort-mark').innerText()).trim(), '▲');
  assert.deepEqual(await shownNames(page), [...expected].reverse());
  const other = grid(page).locator('thead th', { has: page.getByRole('button', { name: /^Provider/ }) });
  assert.equal(await other.getAttribute('aria-sort'), null, 'only the sorted column says it is sorted');
  assert.equal((await other.locator('.svc-sort-mark').innerText()).trim(), '↕');
  await page.keyboard.press('Enter'); // third press: back to the order as stored
  assert.equal(await header.getAttribute('aria-sort'), null);
});

test('group by category: a heading per category with subtotals exact to the penny, and the grand total unchanged', async () => {
  const { page } = app;
  await page.getByLabel('Group by').selectOption('category');
  await page.getByText('in 4 groups by category').waitFor();
  const all = await rows();
  const groups = grid(page).locator('tbody tr.svc-group-row');
  assert.equal(await groups.count(), 4);
  for (let i = 0; i < 4; i += 1) {
    const group = groups.nth(i);
    const text = (await group.innerText()).replace(/\s+/g, ' ');
    const label = (await group.locator('.group-name').innerText()).trim();
    const members = all.filter((r) => r.category === label);
    assert.ok(members.length > 0, `the group "${label}" is a category`);
    const allocated = members.reduce((sum, r) => sum + r.allocatedPence, 0);
    const spent = members.reduce((sum, r) => sum + r.spentPence, 0);
    assert.ok(text.includes(`${members.length} service`), `${label}: ${members.length} services (${text})`);
    assert.ok(text.includes(formatMoney(allocated)), `${label}: subtotal allocated ${formatMoney(allocated)} (${text})`);
    assert.ok(text.includes(formatMoney(spent)), `${label}: subtotal spent ${formatMoney(spent)} (${text})`);
    assert.equal(await group.locator('td').first().getAttribute('aria-expanded'), 'true');
  }
  const victims = groups.filter({ hasText: 'Victim support' });
  assert.match((await victims.innerText()).replace(/\s+/g, ' '), /Victim support 2 services £3,915,000 £2,508,999\.99/);
  assert.match(await grid(page).locator('tfoot').innerText(), /£5,870,000\.25/);
  await noSeriousAxe(page, 'with the table grouped');
  await app.screenshot('services-grouped');

  // Enter on a group's heading hides its services; again shows them.
  await victims.locator('td').first().click();
  await page.waitForFunction(() => document.querySelector('tr.svc-group-row td[aria-expanded="false"]') !== null);
  assert.equal(await bodyRows(page).count(), 4);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('tr.svc-group-row td[aria-expanded="false"]') === null);
  assert.equal(await bodyRows(page).count(), 6);
  await page.getByLabel('Group by').selectOption('none');
});

test('Enter opens the service beside the list: funding by year and fund as a chart and a table with totals, payments, boroughs and where it came from', async () => {
  const { page } = app;
  const name = await cellOf(page, 'Rescue and Response', 'Service');
  await name.click();
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary', { name: 'Rescue and Response' });
  await waitForFocus(pane.getByRole('heading', { level: 2, name: 'Rescue and Response' }));
  assert.ok(await grid(page).isVisible(), 'the list stays beside the pane');
  // Beside the pane the table keeps the service, its provider and the money in view.
  await page.getByText('Narrow view: the table keeps each service, its provider and the money').waitFor();
  assert.ok(await (await cellOf(page, 'Rescue and Response', 'Allocated')).isVisible());
  const row = await byName('Rescue and Response');
  const detail = await app.api.call('services.get', { id: row.id });

  const table = pane.getByRole('table', { name: /^Funding by financial year and fund/ });
  const total = table.locator('tfoot tr', { hasText: /^Total/ });
  assert.deepEqual((await total.locator('th, td').allInnerTexts()).map((t) => t.trim()), [
    'Total', formatMoney(detail.funding.total.allocatedPence), formatMoney(detail.funding.total.spentPence),
  ]);
  assert.equal(formatMoney(detail.funding.total.allocatedPence), '£820,000.25');
  const bodyTexts = (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.deepEqual(bodyTexts, detail.funding.rows.map((r) => `${r.label} ${r.fundCode ?? 'No fund named'} ${formatMoney(r.allocatedPence)} ${formatMoney(r.spentPence)}`));
  assert.match(await pane.locator('canvas[role="img"]').getAttribute('aria-label') ?? '', /2022-23 £250k; 2023-24 £300k; 2024-25 £270k/);
  const paneText = await pane.innerText();
  assert.match(paneText, /2 payments, £130,000 in all: 0 recorded against this service, 2 paid to St Giles Trust/);
  assert.match(paneText, /Its provider/);
  assert.match(paneText, /Camden\s+E09000007/);
  assert.match(paneText, /Imported from mopac-services\.csv, row 2/);
  assert.match(paneText, /Where the lines came from: funding-2022-25\.csv/);
  await noSeriousAxe(page, 'with the service open beside the table');
  await wholePageScreenshot('services-detail');
  await page.keyboard.press('Escape');
  await waitForFocus(name);
  assert.equal(await page.locator('.detail-pane').count(), 0);
});

test('edit in place: a value that cannot be stored is refused by the cell and nothing is saved; a good one is saved and shown; Ctrl+Z undoes it', async () => {
  const { page } = app;
  const before = await byName('Rescue and Response');

  // The name, cleared: refused with a message by the cell.
  const name = await cellOf(page, 'Rescue and Response', 'Service');
  await name.click();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Service of Rescue and Response' });
  await waitForFocus(editor);
  await editor.fill('');
  await page.keyboard.press('Enter');
  const message = page.locator('.cell-message.is-error');
  await message.waitFor();
  assert.match(await message.innerText(), /A service needs a name/);
  assert.equal(await message.getAttribute('role'), 'alert');
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');
  assert.ok(await isFocused(editor), 'the editor stays open with its message');
  const box = await message.boundingBox();
  const cellBox = await name.boundingBox();
  assert.ok(box !== null && cellBox !== null && Math.abs(box.y - (cellBox.y + cellBox.height)) < 4, 'the message sits right under the cell');
  assert.equal((await byName('Rescue and Response')).updatedAt, before.updatedAt, 'nothing was saved');
  await page.keyboard.press('Escape');
  await waitForFocus(name);
  assert.equal((await name.innerText()).trim(), 'Rescue and Response');
  assert.equal(await page.locator('.detail-pane').count(), 0, 'Escape in the editor cancels the edit and nothing else');

  // An end date before the start date: refused, in UK dates.
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('checkbox', { name: 'End' }).check();
  await page.getByRole('button', { name: 'Done' }).click();
  const end = await cellOf(page, 'Rescue and Response', 'End');
  await end.click();
  await page.keyboard.type('31/02/2024');
  await page.getByText('31 February 2024 does not exist').waitFor();
  const dateEditor = page.getByRole('textbox', { name: 'End of Rescue and Response' });
  await dateEditor.fill('01/01/2020');
  await page.getByText('The end date 01/01/2020 is before the start date 01/04/2022').waitFor();
  await page.keyboard.press('Enter');
  assert.equal((await byName('Rescue and Response')).endDate, '2027-03-31', 'nothing was saved');
  await page.keyboard.press('Escape');

  // Typing on a cell edits it; Enter saves through services.update and the table shows it.
  const category = await cellOf(page, 'Rescue and Response', 'Category');
  await category.click();
  await page.keyboard.type('Youth violence');
  const categoryEditor = page.getByRole('textbox', { name: 'Category of Rescue and Response' });
  assert.equal(await categoryEditor.inputValue(), 'Youth violence', 'typing replaces what the cell held');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.change-bar')?.textContent?.includes('Category of “Rescue and Response” is now Youth violence') === true);
  await waitForFocus(category);
  assert.equal((await category.innerText()).trim(), 'Youth violence');
  assert.equal((await byName('Rescue and Response')).category, 'Youth violence');
  assert.match(await page.getByRole('status', { name: 'Services updates' }).innerText(), /Saved: Category of “Rescue and Response” is now Youth violence\. Ctrl\+Z undoes it\./);

  // Ctrl+Z: the store's undo, and the table read again.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(async () => {
    const cells = [...document.querySelectorAll('tbody tr[data-service-id] td')];
    return cells.some((td) => td.textContent === 'Violence reduction') && !cells.some((td) => td.textContent === 'Youth violence');
  });
  assert.equal((await byName('Rescue and Response')).category, 'Violence reduction');
  assert.equal(await page.locator('.change-bar', { hasText: 'Youth violence' }).count(), 0, 'the undone save is no longer shown as done');
  await noSeriousAxe(page, 'after editing');

  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('checkbox', { name: 'End' }).uncheck();
  await page.getByRole('button', { name: 'Done' }).click();
});

test('the arrows move between cells and columns can be chosen and reordered from the keyboard', async () => {
  const { page } = app;
  const first = await cellOf(page, 'A&E youth work', 'Service');
  await first.click();
  await page.keyboard.press('ArrowDown');
  await waitForFocus(await cellOf(page, 'Domestic abuse advocacy', 'Service'));
  await page.keyboard.press('ArrowRight');
  await waitForFocus(await cellOf(page, 'Domestic abuse advocacy', 'Provider'));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await waitForFocus(page.getByLabel('Filter Provider'));
  await page.keyboard.press('ArrowLeft'); // an empty filter: the caret is at its start, so left moves to the next filter
  await waitForFocus(page.getByLabel('Filter Service'));
  await page.keyboard.press('ArrowRight');
  await waitForFocus(page.getByLabel('Filter Provider'));
  await page.keyboard.press('ArrowUp');
  await waitForFocus(grid(page).getByRole('button', { name: /^Provider/ }));
  await page.keyboard.press('Tab');
  assert.equal(await grid(page).evaluate((g) => g.contains(document.activeElement)), false, 'Tab leaves the table: one stop, then arrows');

  const headers = async () => (await grid(page).locator('thead tr').first().locator('th').allInnerTexts()).map((t) => t.replace(/[▲▼↕]/gu, '').replace(/\s+/g, ' ').trim());
  assert.deepEqual((await headers()).slice(0, 3), ['Service', 'Provider', 'Commissioner']);
  const columnsButton = page.getByRole('button', { name: /^Columns/ });
  await columnsButton.focus();
  await page.keyboard.press('Enter');
  const up = page.getByRole('button', { name: 'Move Commissioner up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('thead tr th:nth-child(2)')?.textContent?.startsWith('Commissioner') === true);
  assert.deepEqual((await headers()).slice(0, 3), ['Service', 'Commissioner', 'Provider']);
  assert.match(await page.getByRole('status', { name: 'Services updates' }).innerText(), /Commissioner moved up: now 3 of 19\./);
  await page.getByRole('checkbox', { name: 'Reference' }).focus();
  await page.keyboard.press('Space');
  assert.ok((await headers()).includes('Reference'));
  await page.keyboard.press('Escape');
  await waitForFocus(columnsButton);
  assert.equal(await columnsButton.getAttribute('aria-expanded'), 'false');
  await columnsButton.click();
  await page.getByRole('button', { name: 'Back to the usual columns' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  assert.deepEqual((await headers()).slice(0, 3), ['Service', 'Provider', 'Commissioner']);
});

test('add a service with the form (a borough that does not exist is refused), then delete it with what goes said, and undo the deletion', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Add a service' }).click();
  await waitForFocus(page.getByRole('heading', { level: 2, name: 'Add a service' }));
  await page.locator('#new-service-name').fill('Knife crime education in schools');
  await page.locator('#new-service-category').fill('Violence reduction');
  await page.locator('#new-service-boroughs').fill('Hackney, Narnia');
  await page.getByRole('button', { name: 'Add the service' }).click();
  const summary = page.locator('.error-summary');
  await waitForFocus(summary);
  assert.match(await summary.innerText(), /Boroughs served: "Narnia" is not a London borough/);
  assert.equal((await rows()).length, 6, 'nothing was added');
  await page.locator('#new-service-boroughs').fill('Hackney, Islington');
  await page.getByRole('button', { name: 'Add the service' }).click();
  const added = await cellOf(page, 'Knife crime education in schools', 'Service');
  await waitForFocus(added);
  assert.equal(await rowCount(page), 'All 7 services');
  const stored = await byName('Knife crime education in schools');
  assert.deepEqual(stored.boroughs, ['Hackney', 'Islington']);

  // Delete from the keyboard: the pane asks, saying what goes with it.
  await page.keyboard.press('Delete');
  const question = page.getByRole('heading', { level: 3, name: 'Delete “Knife crime education in schools”?' });
  await waitForFocus(question);
  assert.match(await page.locator('.confirm').innerText(), /This also removes the record of the 2 boroughs it serves\./);
  await page.getByRole('button', { name: 'Yes, delete this service' }).click();
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === 'All 6 services');
  assert.match(await page.locator('.change-bar').innerText(), /Deleted the service “Knife crime education in schools”\./);
  assert.equal((await rows()).length, 6);
  assert.ok(await grid(page).evaluate((g) => g.contains(document.activeElement)), 'focus goes back to the table');

  await page.locator('.change-bar').getByRole('button', { name: /Undo/ }).click();
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === 'All 7 services');
  assert.deepEqual((await byName('Knife crime education in schools')).boroughs, ['Hackney', 'Islington'], 'undo brings it back whole');
  await page.keyboard.press('Control+z'); // and the addition itself is one step of undo
  await page.waitForFunction(() => document.querySelector('#services-row-count .row-count-figure')?.textContent === 'All 6 services');
  await noSeriousAxe(page, 'after adding and deleting');
});

test('a service found with the search (Ctrl+K) is shown in the table and opened beside it', async () => {
  const { page } = app;
  await page.getByLabel('Filter all columns').fill('hackney'); // a filter that would hide it
  await page.keyboard.press('Control+k');
  await page.locator('#search-input').fill('rescue');
  await page.getByRole('option', { name: /Rescue and Response/ }).first().waitFor();
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary', { name: 'Rescue and Response' });
  await pane.getByRole('heading', { level: 2, name: 'Rescue and Response' }).waitFor();
  assert.equal(await page.getByLabel('Filter all columns').inputValue(), '', 'the filters that hid it are cleared');
  assert.ok(await (await rowOf(page, 'Rescue and Response')).evaluate((tr) => tr.classList.contains('is-open')), 'its row is marked as the one open');
  await page.keyboard.press('Escape');
  await page.locator('.detail-pane').waitFor({ state: 'detached' });
  assert.ok(await grid(page).evaluate((g) => g.contains(document.activeElement)), 'Escape returns to its row in the table');
});

test('Budgets (Alt+3): each chart has a title that states the finding, a source line and a table whose figures match the API', async () => {
  const { page } = app;
  await page.keyboard.press('Alt+3');
  await page.getByRole('heading', { level: 1, name: 'Budgets' }).waitFor();
  await page.locator('#by-borough-table').waitFor();
  const budgets = await app.api.call('budgets.get', {});

  // The stated commissioning budget and LCPF split, each figure with its source a click away.
  const budgetTable = page.getByRole('table', { name: /by financial year$/ });
  assert.match(await budgetTable.innerText(), /2012-13\s+£23\.6m\s+£23,600,000/);
  assert.match(await page.locator('#budget-chart-title').innerText(), /tripled/);
  const split = page.getByRole('table', { name: /London Crime Prevention Fund allocations/ });
  assert.match(await split.innerText(), /Co-commissioning fund\s+£9,884,445\s+18\.3%/);

  // By fund and year: the table's totals are the API's cells added up.
  const fundTable = page.locator('#by-fund-table');
  const periods = budgets.byFund.periods.map((p) => p.label);
  assert.deepEqual((await fundTable.locator('thead th').allInnerTexts()).map((t) => t.trim()), ['Fund', ...periods, 'Total']);
  const periodTotals = periods.map((label) => budgets.byFund.cells.filter((c) => c.label === label).reduce((sum, c) => sum + c.allocatedPence, 0));
  const all = periodTotals.reduce((a, b) => a + b, 0);
  assert.deepEqual((await fundTable.locator('tfoot td').allInnerTexts()).map((t) => t.trim()), [...periodTotals.map((t) => formatMoney(t)), formatMoney(all)]);
  assert.equal(all, budgets.totals.allocatedPence);
  const direct = budgets.byFund.cells.filter((c) => c.fundCode === 'LCPF-DIRECT').reduce((sum, c) => sum + c.allocatedPence, 0);
  assert.match(await fundTable.locator('tbody tr', { hasText: 'LCPF-DIRECT' }).innerText(), new RegExp(formatMoney(direct).replace(/[£.]/g, '\\$&')));
  assert.match(await page.locator('#by-fund-title').innerText(), /LCPF-DIRECT is the largest fund/);

  // By category.
  const categoryRows = await page.locator('#by-category-table tbody tr').all();
  assert.equal(categoryRows.length, budgets.byCategory.length);
  for (const category of budgets.byCategory) {
    const tr = page.locator('#by-category-table tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${category.label}$`) }) });
    const cells = (await tr.locator('td').allInnerTexts()).map((t) => t.trim());
    assert.equal(cells[1], formatMoney(category.allocatedPence), `${category.label}: allocated`);
    assert.equal(cells[3], formatMoney(category.spentPence), `${category.label}: spent`);
  }
  assert.match(await page.locator('#by-category-title').innerText(), /Funding not tied to a service has the largest share/);

  // By borough: the table, and the tile map with all 33 boroughs and a value in each.
  const boroughTable = page.locator('#by-borough-table tbody tr');
  assert.equal(await boroughTable.count(), 33);
  for (const borough of budgets.byBorough) {
    const cells = (await page.locator(`#by-borough-table tbody tr[data-gss="${borough.gss}"]`).locator('th, td').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(cells.slice(0, 3), [borough.name, formatMoney(borough.allocatedPence), formatMoney(borough.spentPence)]);
  }
  const tiles = page.locator('.tile-map > li');
  assert.equal(await tiles.count(), 33);
  for (const borough of budgets.byBorough) {
    const tile = page.locator(`.tile-map > li[data-gss="${borough.gss}"]`);
    const text = (await tile.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(borough.allocatedPence > 0 ? formatMoneyShort(borough.allocatedPence) : '£0'), `${borough.name}: its value is written in its tile (${text})`);
    assert.equal(await tile.evaluate((el) => getComputedStyle(el).gridRowStart), String(borough.tile.row));
    assert.equal(await tile.evaluate((el) => getComputedStyle(el).gridColumnStart), String(borough.tile.col));
  }
  const camden = page.locator('.tile-map > li[data-gss="E09000007"]');
  const lightest = page.locator('.tile-map > li.tile-none').first();
  assert.notEqual(await camden.evaluate((el) => getComputedStyle(el).backgroundColor), await lightest.evaluate((el) => getComputedStyle(el).backgroundColor), 'shaded by funding');
  const legend = page.getByLabel('Key to the shading');
  assert.match(await legend.innerText(), /None recorded/);
  assert.match(await page.locator('#by-borough-title').innerText(), /Camden has the most funding recorded against it \(£2\.3m\)/);

  // Every chart is an image described in words, with a source line naming the files.
  const charts = page.locator('.budgets-page canvas[role="img"]');
  assert.ok(await charts.count() >= 5);
  for (const chart of await charts.all()) assert.ok(((await chart.getAttribute('aria-label')) ?? '').length > 40);
  const fundSource = page.locator('section[aria-labelledby="section-by-fund"] .source-line');
  assert.match(await fundSource.innerText(), /Source: funding lines imported from (funding-2022-25\.csv and lcpf-allocations\.xlsx|lcpf-allocations\.xlsx and funding-2022-25\.csv)\./);
  await fundSource.getByRole('button', { name: 'funding-2022-25.csv' }).click();
  await page.getByRole('complementary').getByText('funding-2022-25.csv').first().waitFor();
  await page.keyboard.press('Escape');
});

test('Budgets: the 30 per cent check sets 18.3% and 20.1% beside the stated 30%, with the arithmetic', async () => {
  const { page } = app;
  const check = page.getByRole('article', { name: /30 per cent/ });
  const text = (await check.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Differs/);
  assert.match(text, /Stated 30%/);
  assert.match(text, /18\.3%/);
  assert.match(text, /20\.1%/);
  assert.match(text, /£9,884,445 ÷ \(£39,315,555 \+ £4,800,000 \+ £9,884,445 = £54,000,000\) = 18\.3% of the whole LCPF 2022-25/);
  assert.match(text, /£9,884,445 ÷ \(£39,315,555 \+ £9,884,445 = £49,200,000\) = 20\.1% of the LCPF without the VRU-earmarked funding/);
  const direct = page.getByRole('article', { name: /Direct funding to boroughs: stated figure against the funding data/ });
  assert.match(await direct.innerText(), /£39,315,555/);
  await noSeriousAxe(page, 'on the Budgets page');
  await page.locator('.history-notice').waitFor({ state: 'detached', timeout: 15_000 }); // the last undo's notice has gone
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await wholePageScreenshot('budgets');
});

test('no problems reported by the page', () => {
  assert.deepEqual(app.pageProblems, []);
});
