#!/usr/bin/env node
// `npm start`: the desktop app wherever Electron can run, browser mode elsewhere.
//
// 1. Builds the renderer (vite build) when dist/renderer is missing or older than its sources.
// 2. Asks, in a child process with a time limit, whether Electron's runtime can be had:
//    require('electron') returns the binary's path, downloading it first on a machine that
//    can; here it fails fast.
// 3. If it can: builds better-sqlite3 for Electron, bundles main and preload, runs Electron.
//    If not: prints one line saying why and runs browser mode (main/web/cli.ts under tsx),
//    passing the remaining arguments through (--port, --store, --no-open, --data-dir).
//
//   node scripts/start.mjs [--browser] [browser-mode arguments]
// --browser skips Electron. SCRUTINY_ELECTRON_PROBE_TIMEOUT_MS bounds the check (default 180 s).
// Every step has a time limit; nothing here can wait for ever.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';
import { buildElectronNative, run } from './build-electron-native.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
const RENDERER_SOURCES = ['renderer', 'shared', 'vite.config.ts'];
const RENDERER_BUILD_TIMEOUT_MS = 5 * 60_000;
const PROBE_TIMEOUT_MS = Number(process.env.SCRUTINY_ELECTRON_PROBE_TIMEOUT_MS) > 0 ? Number(process.env.SCRUTINY_ELECTRON_PROBE_TIMEOUT_MS) : 180_000;

function binOf(name) {
  const pkgDir = join(ROOT, 'node_modules', name);
  const { bin } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  return join(pkgDir, typeof bin === 'string' ? bin : bin[name]);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

async function ensureRenderer() {
  const built = existsSync(RENDERER_INDEX) ? statSync(RENDERER_INDEX).mtimeMs : 0;
  const sources = Math.max(...RENDERER_SOURCES.map((path) => newestMtime(join(ROOT, path))));
  if (built > 0 && built >= sources) return;
  console.log(built > 0 ? 'The renderer has changed; building it…' : 'Building the renderer…');
  const result = await run(process.execPath, [binOf('vite'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT, env: process.env, timeoutMs: RENDERER_BUILD_TIMEOUT_MS, echo: true,
  });
  if (result.ok && existsSync(RENDERER_INDEX)) return;
  const why = result.timedOut ? `it took longer than ${RENDERER_BUILD_TIMEOUT_MS / 1000} s` : `vite exited with code ${result.code}`;
  if (built > 0) {
    console.warn(`The renderer could not be rebuilt (${why}); using the previous build.`);
    return;
  }
  throw new Error(`The renderer could not be built (${why}).`);
}

/** Why Electron could not be had, in a few words, from the probe's output. */
export function probeReason(result, timeoutMs = PROBE_TIMEOUT_MS) {
  if (result.timedOut) return `checking for it took longer than ${Math.round(timeoutMs / 1000)} s`;
  const lines = result.output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const network = lines.find((line) => /fetch failed|getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/i.test(line));
  if (network) return `its binary could not be downloaded: ${network.replace(/^\w*Error:\s*/, '')}`;
  const error = lines.find((line) => /^\w*Error:/.test(line));
  if (error) return error.replace(/^\w*Error:\s*/, '');
  return result.code === null ? 'its check could not run' : `its check exited with code ${result.code}`;
}

/** Resolves { ok: true, path } when Electron's binary is there (or was just downloaded), else { ok: false, reason }. */
export async function probeElectron(timeoutMs = PROBE_TIMEOUT_MS) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const script = "process.stdout.write('\\nELECTRON_PATH=' + require('electron') + '\\n')";
  const result = await run(process.execPath, ['-e', script], { cwd: ROOT, env, timeoutMs });
  const match = /ELECTRON_PATH=(.+)/.exec(result.output);
  const path = match?.[1]?.trim();
  if (result.ok && path && existsSync(path)) return { ok: true, path };
  if (result.ok && path) return { ok: false, reason: `its binary is missing (${path})` };
  return { ok: false, reason: probeReason(result, timeoutMs) };
}

/**
 * Runs a child on this terminal, forwards stop signals to it, and exits with its code.
 * On POSIX the child gets its own process group, so Ctrl+C reaches it once (through
 * this forwarding) rather than twice.
 */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit', detached: process.platform !== 'win32' });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('error', (error) => {
    console.error(`Scrutiny Desk could not start: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function browserMode(args) {
  runForeground(process.execPath, [binOf('tsx'), join(ROOT, 'main', 'web', 'cli.ts'), ...args]);
}

async function main() {
  const argv = process.argv.slice(2);
  const forceBrowser = argv.includes('--browser');
  const args = argv.filter((arg) => arg !== '--browser');

  await ensureRenderer();

  if (forceBrowser) {
    console.log('Opening Scrutiny Desk in browser mode (--browser).');
    browserMode(args);
    return;
  }

  const probe = await probeElectron();
  if (!probe.ok) {
    console.log(`Electron's runtime is not available on this machine (${probe.reason}); opening Scrutiny Desk in browser mode instead.`);
    browserMode(args);
    return;
  }

  try {
    await buildElectronNative({ projectRoot: ROOT });
  } catch (error) {
    console.log(`Electron's runtime is available but its database module is not (${error.message}); opening Scrutiny Desk in browser mode instead.`);
    browserMode(args);
    return;
  }
  await buildElectron({ projectRoot: ROOT });
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(probe.path, [ROOT, ...args], env);
}

main().catch((error) => {
  console.error(`Scrutiny Desk could not start: ${error.message}`);
  process.exit(1);
});
