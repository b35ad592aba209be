// End-to-end harness: a real store, the real API and browser-mode server, and
// Debian's Chromium driven by playwright-core. Never downloads a browser.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApi, type HandlerTable } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { RENDERER_DIST } from '../../main/paths.ts';
import { startWebServer, type RunningWebServer } from '../../main/web/server.ts';

export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface LaunchedApp {
  page: Page;
  browser: Browser;
  server: RunningWebServer;
  context: AppContext;
  api: HandlerTable;
  dir: string;
  /** Problems the page reported: CSP refusals, uncaught errors, console errors. */
  pageProblems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchApp(options: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'scrutiny-e2e-'));
  const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app-data') });
  await context.create(join(dir, 'Investigation.sqlite'), true);
  const api = createApi(context);
  const server = await startWebServer({ api, staticDir: RENDERER_DIST });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  const pageProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(server.url);
  return {
    page, browser, server, context, api, dir, pageProblems,
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.2 A and AA rules) on the page; returns serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
