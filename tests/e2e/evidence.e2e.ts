// Evidence and Questions as an investigator works them: a note written, its
// passages selected with the mouse and with the keyboard and linked to the key
// questions with a stance and a comment; the questions' counts, coverage and
// gaps following on the Questions page and the Overview; undo and redo; the
// matrix; the draft finding and suggested questions; sources, witnesses and
// sessions kept. A real store through the real API, in Chromium. Run after
// `npx vite build` with `npx tsx --test tests/e2e/evidence.e2e.ts`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { BOROUGH_NOTE, PROVIDER_NOTE } from '../helpers/evidence-fixture.ts';
import { launchApp, seriousAxeViolations, type LaunchedApp } from './harness.ts';

let app: LaunchedApp;
let keyQuestion2 = '';
const world = { provider: '', borough: '', oral: '', transcript: '', boroughNote: '' };

const CODED = 'three-month contract extensions made it hard to keep experienced caseworkers';
const COMMENT = 'Short contracts undermine quality: ask MOPAC about grant length';

before(async () => {
  app = await launchApp();
  await app.page.getByRole('heading', { level: 1, name: 'MOPAC and VRU Commissioning' }).waitFor();
  const { api } = app;
  const overview = await api.call('overview.get', {});
  keyQuestion2 = overview.questions[1]!.id;
  const transcript = await api.call('sources.create', {
    kind: 'transcript', title: 'Police and Crime Committee: transcript of oral evidence, 17 January 2024', publisher: 'London Assembly',
    publishedOn: '2024-01-24', citation: 'London Assembly Police and Crime Committee, transcript, 17 January 2024',
  });
  const provider = await api.call('witnesses.create', { name: 'Jane Okafor', role: 'Chief Executive', organisationName: 'Safer London', perspective: 'provider' });
  const borough = await api.call('witnesses.create', { name: 'Tom Bright', role: 'Head of Community Safety', organisationName: 'Croydon Council', perspective: 'borough' });
  const oral = await api.call('sessions.create', {
    kind: 'oral', title: 'Oral evidence: providers and boroughs', reference: 'PCC 17/01/2024', heldOn: '2024-01-17', sourceId: transcript.id, witnessIds: [provider.id, borough.id],
  });
  const boroughNote = await api.call('notes.create', { title: 'Oral evidence: Tom Bright, Croydon', body: BOROUGH_NOTE, sessionId: oral.id, witnessId: borough.id, writtenOn: '2024-01-17' });
  Object.assign(world, { provider: provider.id, borough: borough.id, oral: oral.id, transcript: transcript.id, boroughNote: boroughNote.id });
});

after(async () => {
  await app?.close();
});

// ---- helpers ----------------------------------------------------------------

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Waits until the element holds focus (focus moves a frame after a render). */
async function waitForFocus(locator: Locator, what: string): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < 50; i += 1) {
    if (await isFocused(locator)) return;
    await app.page.waitForTimeout(20);
  }
  assert.fail(`focus never reached ${what}`);
}

/** Polls until `check` holds, for what changes a moment after an action. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await app.page.waitForTimeout(30);
  }
  assert.fail(`never happened: ${what}`);
}

async function noSeriousAxe(page: Page, when: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `no serious accessibility problems ${when}`);
}

async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.locator(':scope > th, :scope > td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** The whole page as a window that tall shows it (once an earlier undo's notice has gone). */
async function wholePageScreenshot(name: string): Promise<void> {
  const { page } = app;
  await page.locator('.history-notice').waitFor({ state: 'detached', timeout: 8000 });
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const scroll = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  try {
    await app.screenshot(name);
  } finally {
    await page.setViewportSize(viewport);
    await page.evaluate((y) => window.scrollTo(0, y), scroll);
  }
}

async function goTo(page: Page, key: 'Alt+1' | 'Alt+4' | 'Alt+5', title: string): Promise<void> {
  await page.keyboard.press(key);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

function noteText(page: Page): Locator {
  return page.getByRole('textbox', { name: /^Text of the note/ });
}

/** Drags the mouse across `words` in the note's text, as a person selects them. */
async function dragAcross(page: Page, words: string): Promise<void> {
  const text = noteText(page);
  await text.scrollIntoViewIfNeeded();
  // No named functions inside: the test runner's bundler would wrap them in a helper the page lacks.
  const points = await text.evaluate((root, wanted) => {
    const all = root.textContent ?? '';
    const start = all.indexOf(wanted);
    if (start < 0) throw new Error(`"${wanted}" is not in the note`);
    const rects: DOMRect[] = [];
    for (const index of [start, start + wanted.length - 1]) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const length = (node as Text).data.length;
        if (index < seen + length) {
          const range = document.createRange();
          range.setStart(node, index - seen);
          range.setEnd(node, index - seen + 1);
          rects.push(range.getClientRects()[0]!);
          break;
        }
        seen += length;
      }
    }
    const [first, last] = rects as [DOMRect, DOMRect];
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, words);
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}

function codingPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Link this passage to a question' });
}

function checklistRow(page: Page, label: RegExp): Locator {
  return page.getByRole('table', { name: /Terms of reference and key questions/ }).locator('tbody tr').filter({ has: page.getByRole('button', { name: label }) });
}

async function announced(page: Page, region: string, pattern: RegExp): Promise<void> {
  await eventually(`the ${region} region says ${String(pattern)}`, async () => pattern.test(await page.getByRole('status', { name: region }).innerText()));
}

// ---- the tests ----------------------------------------------------------------

test('before any coding: key question 2 has no evidence, on the Questions page and the Overview', async () => {
  const { page } = app;
  const overviewRow = page.getByRole('table', { name: 'Key questions' }).locator('tbody tr').nth(1);
  assert.equal((await cellTexts(overviewRow))[2], 'No evidence linked yet');
  await goTo(page, 'Alt+5', 'Questions');
  const row = checklistRow(page, /^Key question 2:/);
  await row.waitFor();
  const cells = await cellTexts(row);
  assert.equal(cells[0], '2');
  assert.deepEqual(cells.slice(3, 6), ['0', '0', '0'], 'no links by stance');
  assert.equal(cells[6], 'No evidence yet');
  assert.equal(cells[7], 'No evidence linked yet');
});

test('Evidence (Alt+4): tabs with counts, worked by the arrow keys; a note added through the form, with a problem shown by its field', async () => {
  const { page } = app;
  await goTo(page, 'Alt+4', 'Evidence');
  const tabs = page.getByRole('tablist', { name: 'Kinds of evidence' });
  await eventually('the counts arrive', async () => (await tabs.innerText()).includes('Witnesses'));
  assert.deepEqual((await tabs.getByRole('tab').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), ['Notes 1', 'Sources 7', 'Witnesses 2', 'Sessions 1']);
  assert.equal(await tabs.getByRole('tab', { name: /^Notes/ }).getAttribute('aria-selected'), 'true');

  // The keyboard moves between the tabs and shows each.
  await tabs.getByRole('tab', { name: /^Notes/ }).focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(await isFocused(tabs.getByRole('tab', { name: /^Sources/ })));
  await page.getByRole('heading', { level: 2, name: 'Sources' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('heading', { level: 2, name: 'Notes' }).waitFor();

  await page.getByRole('button', { name: 'Add a note' }).click();
  await waitForFocus(page.getByRole('heading', { name: 'Add a note' }), 'the form heading');
  await page.getByRole('button', { name: 'Add the note' }).click();
  const title = page.getByLabel('Title', { exact: true });
  await waitForFocus(title, 'the title field with its problem');
  assert.equal(await title.getAttribute('aria-invalid'), 'true');
  const problem = page.locator('#note-title-input-error');
  assert.equal((await problem.innerText()).trim(), 'A title is needed.');
  assert.match(await title.getAttribute('aria-describedby') ?? '', /note-title-input-error/, 'the problem is read with the field');

  await title.fill('Oral evidence: Jane Okafor, Safer London');
  await page.getByLabel('Written on (optional)').fill('31/02/2024');
  await page.getByLabel('Evidence session (optional)').selectOption({ label: 'Oral evidence: providers and boroughs (oral evidence, 17/01/2024)' });
  await page.getByLabel('Witness (optional)').selectOption({ label: 'Jane Okafor, Safer London (provider)' });
  await page.getByLabel('Text of the note').fill(PROVIDER_NOTE);
  await page.getByRole('button', { name: 'Add the note' }).click();
  const date = page.getByLabel('Written on (optional)');
  await waitForFocus(date, 'the date field with its problem');
  assert.equal((await page.locator('#note-written-input-error').innerText()).trim(), '31 February 2024 does not exist.');
  await date.fill('17/01/2024');
  await page.getByRole('button', { name: 'Add the note' }).click();

  const heading = page.getByRole('heading', { level: 2, name: 'Oral evidence: Jane Okafor, Safer London' });
  await waitForFocus(heading, 'the new note’s heading');
  const meta = await page.locator('.note-meta').innerText();
  assert.match(meta, /Written:?\s*17\/01\/2024/);
  assert.match(meta, /Jane Okafor, Chief Executive, Safer London \(provider\)/);
  assert.equal(await noteText(page).innerText(), PROVIDER_NOTE, 'the text reads exactly as written');
  assert.match(await page.getByRole('complementary', { name: /^Excerpts/ }).innerText(), /None yet/);
  await noSeriousAxe(page, 'on a note before coding');
});

test('the keyboard codes a passage: Shift with the arrow keys selects, Enter opens the panel, typing finds the question, Enter links', async () => {
  const { page } = app;
  const text = noteText(page);
  await text.focus();
  // A read-only text: keys move and select, but nothing can be typed, deleted or pasted.
  await page.keyboard.type('xyz');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  assert.equal(await text.innerText(), PROVIDER_NOTE, 'typing changes nothing');
  assert.equal(await text.getAttribute('aria-readonly'), 'true');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowLeft'); // before the full stop
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Enter');
  const panel = codingPanel(page);
  await panel.waitFor();
  assert.equal((await panel.locator('.coding-quote').innerText()).trim(), '“at least three years”');
  const list = panel.getByRole('listbox', { name: 'Term of reference or key question' });
  await waitForFocus(list, 'the list of questions');
  assert.equal(await list.getByRole('option').count(), 7, 'three terms of reference and four key questions');
  await page.keyboard.type('long');
  assert.equal(await list.getByRole('option', { selected: true }).locator('.target-short').innerText(), 'KQ 4', 'typing a word of the question finds it');
  await page.keyboard.press('Tab');
  const supports = panel.getByRole('radio', { name: 'Supports' });
  assert.ok(await isFocused(supports), 'Tab goes on to the stance');
  assert.ok(await supports.isChecked(), 'supports is offered first');
  await page.keyboard.press('Enter');
  await panel.waitFor({ state: 'detached' });
  await announced(page, 'Evidence updates', /Linked to key question 4 as supports: “at least three years”/);
  assert.ok(await isFocused(text), 'focus goes back to the text, to carry on reading');
  const margin = page.getByRole('complementary', { name: /^Excerpts/ });
  await eventually('the passage is listed beside the text', async () => /at least three years/.test(await margin.innerText()));
  assert.match(await margin.innerText(), /KQ 4\s*Supports/);
  const mark = text.locator('mark.mark-supports');
  assert.equal(await mark.innerText(), 'at least three years');
});

test('the mouse codes a passage: a drag opens the panel; key question 2, challenges and a comment, linked with Enter', async () => {
  const { page } = app;
  await dragAcross(page, CODED);
  const panel = codingPanel(page);
  await panel.waitFor();
  assert.equal((await panel.locator('.coding-quote').innerText()).trim(), `“${CODED}”`);
  const list = panel.getByRole('listbox', { name: 'Term of reference or key question' });
  await waitForFocus(list, 'the list of questions');
  await page.keyboard.type('kq2');
  const chosen = list.getByRole('option', { selected: true });
  assert.equal(await chosen.locator('.target-short').innerText(), 'KQ 2');
  assert.match(await chosen.innerText(), /high quality services/);
  await panel.getByText('Challenges', { exact: true }).click();
  assert.ok(await panel.getByRole('radio', { name: 'Challenges' }).isChecked());
  await panel.getByLabel('Comment (optional)').fill(COMMENT);
  assert.ok(await page.locator('mark.is-pending').first().isVisible(), 'the passage stays marked while the panel is open');
  await noSeriousAxe(page, 'with the coding panel open');
  await wholePageScreenshot('evidence-note-coding');
  await page.keyboard.press('Enter');
  await panel.waitFor({ state: 'detached' });
  await announced(page, 'Evidence updates', /Linked to key question 2 as challenges/);

  const text = noteText(page);
  const mark = text.locator('mark.mark-challenges');
  assert.equal(await mark.innerText(), CODED, 'the passage is marked in the text');
  const underline = await mark.evaluate((element) => getComputedStyle(element).textDecorationStyle);
  assert.equal(underline, 'wavy', 'challenges is told by its underline, not by colour alone');
  const cards = page.locator('.excerpt-card');
  assert.equal(await cards.count(), 2);
  const first = await cards.nth(0).innerText();
  assert.match(first, /three-month contract extensions/);
  assert.match(first, /KQ 2\s*Challenges/);
  assert.match(first, new RegExp(COMMENT));
  assert.ok((await cards.nth(0).getAttribute('class'))?.includes('is-active'), 'the new passage is pointed at beside the text');
  await noSeriousAxe(page, 'on a coded note');
  await wholePageScreenshot('evidence-note-coded');
});

test('the questions follow: coverage, counts and gaps on the Questions page; the counts on the Overview', async () => {
  const { page } = app;
  await goTo(page, 'Alt+5', 'Questions');
  const row = checklistRow(page, /^Key question 2:/);
  await eventually('the checklist has the new link', async () => (await cellTexts(row))[4] === '1');
  const cells = await cellTexts(row);
  assert.deepEqual(cells.slice(3, 6), ['0', '1', '0'], 'one link that challenges');
  assert.equal(cells[6], '1 source, 1 witness: providers 1');
  assert.match(cells[7] ?? '', /No evidence from commissioners, boroughs, service users or experts yet/, 'the voices not heard, in one line');
  assert.doesNotMatch(cells[7] ?? '', /providers/);
  assert.match(cells[7] ?? '', /Nothing supports this yet/);
  const kq4 = await cellTexts(checklistRow(page, /^Key question 4:/));
  assert.deepEqual(kq4.slice(3, 6), ['1', '0', '0']);

  await goTo(page, 'Alt+1', 'MOPAC and VRU Commissioning');
  const overviewRow = page.getByRole('table', { name: 'Key questions' }).locator('tbody tr').nth(1);
  await eventually('the overview counts the link', async () => (await cellTexts(overviewRow))[2] === '1 linked: 1 challenges');
});

test('Ctrl+Z undoes the last link and says so; Ctrl+Shift+Z redoes it; both reload what is on screen', async () => {
  const { page } = app;
  await goTo(page, 'Alt+4', 'Evidence');
  const text = noteText(page);
  await text.waitFor();
  await text.focus(); // a read-only text: Ctrl+Z is the store's, not the field's
  await page.keyboard.press('Control+z');
  await announced(page, 'Undo and redo', /^Undone: Link a passage of “Oral evidence: Jane Okafor, Safer London” to key question$/);
  await eventually('the mark goes from the text', async () => (await text.locator('mark.mark-challenges').count()) === 0);
  assert.equal(await page.locator('.excerpt-card').count(), 1, 'only the other passage is left');
  assert.match(await page.locator('.history-notice').innerText(), /Undone: Link a passage/);

  await page.keyboard.press('Control+Shift+z');
  await announced(page, 'Undo and redo', /^Redone: Link a passage of “Oral evidence: Jane Okafor, Safer London” to key question$/);
  await eventually('the mark is back', async () => (await text.locator('mark.mark-challenges').count()) === 1);

  // On the Questions page too, from anywhere but a text field; Ctrl+Y redoes as well.
  await goTo(page, 'Alt+5', 'Questions');
  const row = checklistRow(page, /^Key question 2:/);
  await eventually('the checklist shows the link', async () => (await cellTexts(row))[4] === '1');
  await page.keyboard.press('Control+z');
  await eventually('the checklist loses the link', async () => (await cellTexts(row))[4] === '0');
  assert.equal((await cellTexts(row))[6], 'No evidence yet');
  await page.keyboard.press('Control+y');
  await eventually('the checklist has it again', async () => (await cellTexts(row))[4] === '1');
  assert.equal((await cellTexts(row))[6], '1 source, 1 witness: providers 1');

  // In a text field Ctrl+Z is the field's own.
  await page.getByRole('tab', { name: 'Checklist' }).waitFor();
  const before = await app.api.call('questions.list', {});
  await goTo(page, 'Alt+4', 'Evidence');
  await page.getByRole('button', { name: '← All notes' }).click();
  const filter = page.getByRole('searchbox', { name: 'Filter notes' });
  await filter.fill('Jane');
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(200);
  assert.deepEqual((await app.api.call('questions.list', {})).map((q) => q.links.total), before.map((q) => q.links.total), 'nothing in the store was undone');
  await filter.fill('');
});

test('the notes list: dense, sortable, counts that line up; Up and Down move between notes', async () => {
  const { page } = app;
  const table = page.locator('table.notes-table');
  await table.waitFor();
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  const janeRow = rows.filter({ hasText: 'Jane Okafor' });
  const cells = await cellTexts(janeRow);
  assert.deepEqual(cells.slice(1), ['17/01/2024', 'Oral evidence: providers and boroughs', 'Jane Okafor Safer London', '2', '2']);
  const align = await janeRow.locator('td.num').first().evaluate((cell) => getComputedStyle(cell).textAlign);
  assert.equal(align, 'right', 'counts are right-aligned');
  assert.match(await page.locator('.ev-count').first().innerText(), /^2 notes/);

  await table.getByRole('button', { name: /^Note/ }).click();
  assert.equal(await table.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  const titles = await rows.locator('th .row-open').allInnerTexts();
  assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'en-GB')));

  await rows.first().locator('.row-open').focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await isFocused(rows.nth(1).locator('.row-open')), 'Down moves to the next note');
  await page.keyboard.press('ArrowUp');
  assert.ok(await isFocused(rows.nth(0).locator('.row-open')));
  await noSeriousAxe(page, 'on the notes list');
  await wholePageScreenshot('evidence-notes');
});

test('a gap closes as evidence from that perspective is added: Tom Bright’s passage gives context to key question 2', async () => {
  const { page } = app;
  await page.locator('table.notes-table').getByRole('button', { name: 'Oral evidence: Tom Bright, Croydon' }).click();
  await waitForFocus(page.getByRole('heading', { level: 2, name: 'Oral evidence: Tom Bright, Croydon' }), 'Tom Bright’s note');
  await dragAcross(page, 'Two local projects closed in 2023 as a result');
  const panel = codingPanel(page);
  await panel.waitFor();
  const list = panel.getByRole('listbox', { name: 'Term of reference or key question' });
  await waitForFocus(list, 'the list');
  assert.equal(await list.getByRole('option', { selected: true }).locator('.target-short').innerText(), 'KQ 2', 'the question used last is offered first');
  await panel.getByRole('radio', { name: 'Context' }).check();
  await panel.getByRole('button', { name: /^Link/ }).click();
  await panel.waitFor({ state: 'detached' });

  await goTo(page, 'Alt+5', 'Questions');
  const row = checklistRow(page, /^Key question 2:/);
  await eventually('the checklist has the borough', async () => (await cellTexts(row))[5] === '1');
  const cells = await cellTexts(row);
  assert.equal(cells[6], '1 source, 2 witnesses: providers 1, boroughs 1');
  assert.doesNotMatch(cells[7] ?? '', /boroughs/, 'the gap has gone');
  assert.match(cells[7] ?? '', /No evidence from commissioners, service users or experts yet/, 'the others stay');
  await goTo(page, 'Alt+1', 'MOPAC and VRU Commissioning');
  const overviewRow = page.getByRole('table', { name: 'Key questions' }).locator('tbody tr').nth(1);
  await eventually('the overview counts both', async () => (await cellTexts(overviewRow))[2] === '2 linked: 1 challenges, 1 gives context');
});

test('the checklist: status changed by its words and icon; the whole checklist looked at', async () => {
  const { page } = app;
  await goTo(page, 'Alt+5', 'Questions');
  const row = checklistRow(page, /^Key question 2:/);
  const status = row.getByRole('combobox', { name: 'Status of key question 2' });
  assert.equal(await status.inputValue(), 'not_started');
  await status.selectOption({ label: 'Gathering evidence' });
  await announced(page, 'Questions updates', /Key question 2: status set to gathering evidence/i);
  assert.equal((await app.api.call('questions.list', {})).find((q) => q.id === keyQuestion2)?.status, 'gathering');
  await eventually('an icon says it too', async () => (await row.locator('.status-gathering svg').count()) === 1);
  await noSeriousAxe(page, 'on the checklist');
  await wholePageScreenshot('questions-checklist');
});

test('an item opened: its evidence by stance with quote, witness and citation; the draft finding saved explicitly; suggested questions added, reordered by keyboard and deleted', async () => {
  const { page } = app;
  await checklistRow(page, /^Key question 2:/).getByRole('button', { name: /^Key question 2:/ }).click();
  const heading = page.getByRole('heading', { level: 2, name: /^Are Londoners receiving high quality services/ });
  await waitForFocus(heading, 'the item’s heading');
  const challenges = page.getByRole('region', { name: /^Challenges/ });
  const text = await challenges.innerText();
  assert.match(text, new RegExp(`“${CODED}”`));
  assert.match(text, /Jane Okafor, Chief Executive, Safer London \(provider\)/);
  assert.match(text, /Oral evidence: providers and boroughs \(oral evidence, 17\/01\/2024, PCC 17\/01\/2024\)/);
  assert.match(text, /Source: London Assembly Police and Crime Committee, transcript, 17 January 2024/);
  assert.match(text, new RegExp(`Comment: ${COMMENT}`));
  assert.match(await page.getByRole('region', { name: /^Context/ }).innerText(), /Two local projects closed in 2023 as a result/);
  assert.match(await page.getByRole('region', { name: /^Supports/ }).innerText(), /Nothing supports this yet/);
  assert.match(await page.locator('.perspective-strip').innerText(), /Service users\s*—/);

  const finding = page.getByRole('textbox', { name: 'Draft finding' });
  await finding.fill('Short contract extensions make it hard for providers to keep experienced staff.');
  const state = page.locator('#finding-state');
  assert.equal(await state.innerText(), 'Changed since it was last saved');
  await page.getByRole('button', { name: 'Save the draft finding' }).click();
  await eventually('the finding is saved', async () => /^Saved at \d\d:\d\d$/.test(await state.innerText()));
  await announced(page, 'Questions updates', /Draft finding of key question 2 saved/);
  assert.equal((await app.api.call('questions.list', {})).find((q) => q.id === keyQuestion2)?.draftFinding, 'Short contract extensions make it hard for providers to keep experienced staff.');

  const add = page.getByLabel('Add a suggested question');
  for (const question of ['How long are the grants you hold from MOPAC?', 'What would a three-year grant let you do that you cannot do now?']) {
    await add.fill(question);
    await page.getByRole('button', { name: 'Add the question' }).click();
    await page.locator('.suggested-list li', { hasText: question }).waitFor();
  }
  const items = page.locator('.suggested-list > li');
  assert.equal(await items.count(), 2);
  await items.nth(1).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await eventually('the second question moves up', async () => /three-year grant/.test(await items.nth(0).innerText()));
  const stored = await app.api.call('suggestedQuestions.list', { keyQuestionId: keyQuestion2 });
  assert.deepEqual(stored.map((q) => q.text.slice(0, 12)), ['What would a', 'How long are']);
  await waitForFocus(page.locator('.suggested-list > li').nth(0), 'the moved question');
  await announced(page, 'Questions updates', /Moved to position 1 of 2/);
  await noSeriousAxe(page, 'on an opened key question');
  await wholePageScreenshot('questions-item');

  await page.getByRole('button', { name: 'Add the question' }).click();
  assert.equal((await page.locator('#sq-new-error').innerText()).trim(), 'Write the question first.', 'an empty question is refused by its field');
  await items.nth(0).focus();
  await page.keyboard.press('Delete');
  await eventually('the question is deleted', async () => (await items.count()) === 1);
  await announced(page, 'Questions updates', /Deleted: Suggested question “What would a three-year grant/);
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Control+z');
  await eventually('undo brings it back', async () => (await items.count()) === 2);
});

test('the matrix: the quote in the right cell, empty cells plain to see, arrow keys between cells, columns switched', async () => {
  const { page } = app;
  await page.getByRole('button', { name: '← The checklist' }).click();
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const grid = page.getByRole('grid', { name: /Evidence by question and witnesses/ });
  await grid.waitFor();
  const headers = (await grid.locator('thead th .matrix-col-label').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(headers, ['Jane Okafor', 'Tom Bright']);
  const kq2 = grid.locator('tbody tr').nth(4);
  assert.match(await kq2.locator('th').innerText(), /KQ 2/);
  const jane = kq2.locator('td').nth(0);
  assert.equal(await grid.getByRole('gridcell', { name: 'Key question 2, Jane Okafor: 1 passage: 1 challenges' }).count(), 1);
  assert.ok((await jane.textContent())?.startsWith('Key question 2, Jane Okafor: 1 passage'), 'the cell says what it holds');
  assert.ok(await jane.locator('.mix-challenges').isVisible(), 'the stance mix shows by icon and count');
  const empty = grid.locator('tbody tr').nth(0).locator('td').nth(0);
  assert.equal((await empty.locator('.cell-empty').innerText()).trim(), '—');
  assert.equal(await grid.getByRole('gridcell', { name: 'Term of reference 1, Jane Okafor: no evidence' }).count(), 1, 'an empty cell says so');

  // Keyboard: into the grid, then down to key question 2.
  await empty.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowDown');
  assert.ok(await isFocused(jane), 'the arrow keys move between cells');
  const detail = page.getByRole('region', { name: /high quality services/ });
  await eventually('the cell’s passages are shown', async () => (await detail.count()) === 1 && (await detail.innerText()).includes(CODED));
  assert.match(await detail.innerText(), new RegExp(COMMENT));
  await page.keyboard.press('ArrowRight');
  await eventually('Tom Bright’s cell is shown', async () => (await detail.innerText()).includes('Two local projects closed'));
  await page.keyboard.press('Enter');
  await waitForFocus(detail.getByRole('heading', { level: 3 }), 'the cell’s passages');

  // The sticky header and first column stay as the grid scrolls.
  const stuck = await page.locator('.matrix thead th').first().evaluate((th) => getComputedStyle(th).position);
  assert.equal(stuck, 'sticky');
  assert.equal(await page.locator('.matrix tbody th').first().evaluate((th) => getComputedStyle(th).position), 'sticky');

  await page.getByRole('radio', { name: 'Perspectives' }).check();
  const byPerspective = page.getByRole('grid', { name: /Evidence by question and perspectives/ });
  await byPerspective.waitFor();
  const columns = (await byPerspective.locator('thead th .matrix-col-label').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(columns.slice(0, 4), ['Commissioners', 'Providers', 'Boroughs', 'Service users']);
  assert.equal(await byPerspective.getByRole('gridcell', { name: 'Key question 2, Providers: 1 passage: 1 challenges' }).count(), 1);
  assert.equal(await byPerspective.getByRole('gridcell', { name: 'Key question 2, Boroughs: 1 passage: 1 gives context' }).count(), 1);
  assert.equal(await byPerspective.getByRole('gridcell', { name: 'Key question 2, Service users: no evidence' }).count(), 1);
  await page.getByRole('radio', { name: 'Witnesses' }).check();
  await grid.waitFor();
  await jane.click();
  await noSeriousAxe(page, 'on the matrix');
  await wholePageScreenshot('questions-matrix');
});

test('editing a note’s text says what became of its passages: moved, edited inside, lost', async () => {
  const { page } = app;
  await goTo(page, 'Alt+4', 'Evidence');
  await page.getByRole('button', { name: '← All notes' }).click().catch(() => undefined);
  await page.locator('table.notes-table').getByRole('button', { name: 'Oral evidence: Jane Okafor, Safer London' }).click();
  await page.getByRole('button', { name: 'Edit the note' }).click();
  await waitForFocus(page.getByRole('heading', { name: /^Edit the note/ }), 'the edit form');
  const body = page.getByLabel('Text of the note');
  const edited = `Summary written after the session.\n\n${PROVIDER_NOTE.replace('at least three years', 'at least five years')}`;
  await body.fill(edited);
  await page.getByRole('button', { name: 'Save the note' }).click();
  const report = page.getByRole('region', { name: /What the edit did to the excerpts/ });
  await waitForFocus(report, 'the report');
  const text = await report.innerText();
  assert.match(text, /1 excerpt moved with its text\./);
  assert.match(text, /Edited inside an excerpt: “at least three years” now reads “at least five years”\./);
  assert.equal(await noteText(page).innerText(), edited);

  await page.getByRole('button', { name: 'Edit the note' }).click();
  await page.getByLabel('Text of the note').fill(edited.replace(CODED, 'funding arrangements were discussed'));
  await page.getByRole('button', { name: 'Save the note' }).click();
  await waitForFocus(report, 'the second report');
  assert.match(await report.innerText(), new RegExp(`Lost: “${CODED.slice(0, 30)}`));
  const lost = page.locator('.excerpt-card.is-lost');
  assert.equal(await lost.count(), 1);
  assert.match(await lost.innerText(), /Text lost/);
  assert.match(await lost.innerText(), /KQ 2\s*Challenges/, 'a lost passage keeps its links');
  await noSeriousAxe(page, 'with the edit report shown');
  await wholePageScreenshot('evidence-note-edited');
  // Undo puts the words back, and the passage is found again.
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Control+z');
  await eventually('the passage is back in the text', async () => (await page.locator('.excerpt-card.is-lost').count()) === 0);
});

test('sources, witnesses and sessions: added with problems by the field, deleted with their effects said, and the delete undone', async () => {
  const { page } = app;
  await page.getByRole('tab', { name: /^Witnesses/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Witnesses' }).waitFor();
  const table = page.getByRole('table', { name: /^Witnesses/ });
  assert.match(await cellTexts(table.locator('tbody tr').filter({ hasText: 'Jane Okafor' })).then((c) => c.join(' | ')), /Jane Okafor Chief Executive \| Safer London \| Provider \| 1 \| 1 \| 2/);

  await page.getByRole('button', { name: 'Add a witness' }).click();
  await waitForFocus(page.getByRole('heading', { name: 'Add a witness' }), 'the witness form');
  await page.getByRole('button', { name: 'Add the witness' }).click();
  await waitForFocus(page.getByLabel('Name', { exact: true }), 'the name field');
  assert.equal((await page.locator('#witness-name-error').innerText()).trim(), 'A name is needed.');
  await page.getByLabel('Name', { exact: true }).fill('Amira Hassan');
  await page.getByLabel('Role (optional)').fill('Young people’s advocate');
  await page.getByLabel('Speaks for').selectOption({ label: 'Service user' });
  await noSeriousAxe(page, 'on the witness form');
  await wholePageScreenshot('evidence-witness-form');
  await page.getByRole('button', { name: 'Add the witness' }).click();
  const amira = table.locator('tbody tr').filter({ hasText: 'Amira Hassan' });
  await amira.waitFor();
  assert.match((await cellTexts(amira)).join(' | '), /Service user/);
  await noSeriousAxe(page, 'on the witnesses list');

  await table.locator('tbody tr').filter({ hasText: 'Jane Okafor' }).getByRole('button', { name: 'Delete… Jane Okafor' }).click();
  const confirm = page.getByRole('group', { name: 'Delete the witness Jane Okafor?' });
  await waitForFocus(confirm.getByRole('heading'), 'the confirmation');
  const said = await confirm.innerText();
  assert.match(said, /1 evidence session no longer lists them\./);
  assert.match(said, /1 note no longer names a witness; the links stay, but no longer count towards provider coverage\./);
  assert.match(said, /You can undo this \(Ctrl\+Z\)/);
  await confirm.getByRole('button', { name: 'Delete the witness' }).click();
  const deleted = page.locator('#evidence-deleted');
  await waitForFocus(deleted, 'the deleted notice');
  assert.match(await deleted.innerText(), /Deleted: Witness “Jane Okafor”\./);
  assert.equal(await table.locator('tbody tr').filter({ hasText: 'Jane Okafor' }).count(), 0);
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await table.locator('tbody tr').filter({ hasText: 'Jane Okafor' }).waitFor();
  await announced(page, 'Undo and redo', /Undone: Delete/);

  await page.getByRole('tab', { name: /^Sources/ }).click();
  await page.getByRole('button', { name: 'Add a source' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Safer London annual review 2023');
  await page.getByLabel('Web address (optional)').fill('saferlondon.org.uk/review');
  await page.getByRole('button', { name: 'Add the source' }).click();
  await waitForFocus(page.getByLabel('Web address (optional)'), 'the address with its problem');
  assert.equal((await page.locator('#source-url-error').innerText()).trim(), 'Expected a web address starting http:// or https://.');
  await page.getByLabel('Web address (optional)').fill('https://saferlondon.org.uk/review');
  await page.getByRole('button', { name: 'Add the source' }).click();
  const sources = page.getByRole('table', { name: /^Sources/ });
  await sources.locator('tbody tr').filter({ hasText: 'Safer London annual review 2023' }).waitFor();
  const tor = sources.locator('tbody tr').filter({ hasText: 'MOPAC and VRU Commissioning: terms of reference' });
  await tor.getByRole('button', { name: /^Delete…/ }).click();
  assert.match(await page.getByRole('group', { name: /Delete the source/ }).innerText(), /cannot be deleted while 7 figures cite it/);
  await noSeriousAxe(page, 'on the sources list with a refusal');
  await page.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: /^Sessions/ }).click();
  const sessions = page.getByRole('table', { name: /^Evidence sessions/ });
  const cells = await cellTexts(sessions.locator('tbody tr').first());
  assert.deepEqual(cells.slice(0, 6), ['17/01/2024', 'Oral evidence: providers and boroughs PCC 17/01/2024', 'Oral evidence', 'Jane Okafor, Tom Bright', 'Police and Crime Committee: transcript of oral evidence, 17 January 2024', '2']);
  await noSeriousAxe(page, 'on the sessions list');
});

test('the page reported no problems', () => {
  assert.deepEqual(app.pageProblems, []);
});
