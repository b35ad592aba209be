#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into
//   build/electron-native/<electron version>/better_sqlite3.node
// without touching node_modules/better-sqlite3/build (the Node build that tests, the
// CLI and browser mode use). The package is copied to a scratch folder; there
// prebuild-install fetches a prebuilt binary for Electron, or node-gyp compiles one
// against Electron's headers. Skipped when already built for this Electron and this
// better-sqlite3. The layout must match main/electron/native-binding.ts (a test checks).
//
//   node scripts/build-electron-native.mjs [--force] [--arch x64|arm64] [--electron <version>]
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_FILE_NAME = 'better_sqlite3.node';
const STAMP = 'build-info.json';
const PREBUILD_TIMEOUT_MS = 3 * 60_000;
const COMPILE_TIMEOUT_MS = 20 * 60_000;

/** build/electron-native/<version>: keep in step with main/electron/native-binding.ts. */
export function nativeBuildDir(projectRoot, electronVersion) {
  return join(projectRoot, 'build', 'electron-native', electronVersion);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function installedElectronVersion(projectRoot = PROJECT_ROOT) {
  return readJson(join(projectRoot, 'node_modules', 'electron', 'package.json')).version;
}

function binOf(projectRoot, name) {
  const pkgDir = join(projectRoot, 'node_modules', name);
  const { bin } = readJson(join(pkgDir, 'package.json'));
  const relativeBin = typeof bin === 'string' ? bin : bin[name];
  return join(pkgDir, relativeBin);
}

/** npm passes its config to scripts as npm_config_*; nodedir/target/runtime would point node-gyp at Node's headers. */
function cleanEnv(env) {
  const result = { ...env };
  for (const key of Object.keys(result)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source|arch|target_arch)$/i.test(key)) delete result[key];
  }
  return result;
}

/** Runs a command with a hard time limit; kills its whole process tree when the time is up. `echo` copies its output through as it comes. */
export function run(command, args, { cwd, env, timeoutMs, log = () => {}, echo = false }) {
  return new Promise((resolvePromise) => {
    const posix = process.platform !== 'win32';
    let output = '';
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: posix, windowsHide: true });
    const take = (stream) => (chunk) => {
      const text = chunk.toString();
      output = (output + text).slice(-20_000);
      if (echo) stream.write(chunk);
      else for (const line of text.split(/\r?\n/)) if (line.trim()) log(line);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (posix) process.kill(-child.pid, 'SIGKILL');
        else spawn('taskkill', ['/pid', String(child.pid), '/t', '/f'], { stdio: 'ignore', windowsHide: true });
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ ok: false, code: null, timedOut, output: `${output}\n${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ ok: code === 0 && !timedOut, code, timedOut, output });
    });
  });
}

/** One short reason from a failed tool's output. */
export function reasonOf(result) {
  if (result.timedOut) return 'timed out';
  const lines = result.output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.some((line) => /network connectivity/i.test(line))) return 'could not download Electron\'s headers (no network)';
  const network = lines.find((line) => /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed/i.test(line));
  if (network) return network.replace(/^(gyp ERR!|prebuild-install \w+)(\s+\w+)?\s+/, '');
  const error = lines.find((line) => /\berr(or)?\b/i.test(line) && !/^gyp info/.test(line));
  return error ?? lines.at(-1) ?? `exit code ${result.code}`;
}

/** The scratch copy: the package without its build/ (so nothing of the Node build is reused or touched). */
function copyPackage(source, target) {
  cpSync(source, target, {
    recursive: true,
    filter: (path) => {
      const inside = relative(source, path).split(sep);
      return inside[0] !== 'build' && inside[0] !== 'prebuilds';
    },
  });
}

export async function buildElectronNative({
  projectRoot = PROJECT_ROOT,
  electronVersion = installedElectronVersion(projectRoot),
  arch = process.arch,
  force = false,
  log = console.log,
  verbose = () => {},
} = {}) {
  const packageDir = join(projectRoot, 'node_modules', 'better-sqlite3');
  const sqliteVersion = readJson(join(packageDir, 'package.json')).version;
  const outDir = nativeBuildDir(projectRoot, electronVersion);
  const outFile = join(outDir, NATIVE_FILE_NAME);
  const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch };

  if (!force && existsSync(outFile) && existsSync(join(outDir, STAMP))) {
    try {
      const stamp = readJson(join(outDir, STAMP));
      if (Object.entries(wanted).every(([key, value]) => stamp[key] === value)) {
        log(`better-sqlite3 ${sqliteVersion} is already built for Electron ${electronVersion} (${relative(projectRoot, outFile)}).`);
        return { file: outFile, skipped: true };
      }
    } catch {
      // an unreadable stamp means: build again
    }
  }

  const scratch = mkdtempSync(join(tmpdir(), 'scrutiny-electron-native-'));
  try {
    const work = join(scratch, 'better-sqlite3');
    copyPackage(packageDir, work);
    const env = cleanEnv(process.env);
    const built = join(work, 'build', 'Release', NATIVE_FILE_NAME);
    const failures = [];

    log(`Fetching a prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch})…`);
    const prebuilt = await run(process.execPath, [binOf(projectRoot, 'prebuild-install'), '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', process.platform, '--verbose'],
      { cwd: work, env, timeoutMs: PREBUILD_TIMEOUT_MS, log: verbose });
    if (!prebuilt.ok || !existsSync(built)) {
      failures.push(`prebuild-install: ${reasonOf(prebuilt)}`);
      log('No prebuilt binary; compiling with node-gyp against Electron\'s headers…');
      const compiled = await run(process.execPath, [binOf(projectRoot, 'node-gyp'), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
        { cwd: work, env, timeoutMs: COMPILE_TIMEOUT_MS, log: verbose });
      if (!compiled.ok || !existsSync(built)) {
        failures.push(`node-gyp: ${reasonOf(compiled)}`);
        throw new Error(`better-sqlite3 could not be built for Electron ${electronVersion}. ${failures.join('; ')}`);
      }
    }

    mkdirSync(outDir, { recursive: true });
    const partial = `${outFile}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, outFile);
    writeFileSync(join(outDir, STAMP), `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
    log(`Built ${relative(projectRoot, outFile)}.`);
    return { file: outFile, skipped: false };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { force: { type: 'boolean', default: false }, arch: { type: 'string' }, electron: { type: 'string' }, verbose: { type: 'boolean', default: false } },
  });
  buildElectronNative({
    force: values.force,
    ...(values.arch ? { arch: values.arch } : {}),
    ...(values.electron ? { electronVersion: values.electron } : {}),
    ...(values.verbose ? { verbose: (line) => console.log(`  ${line}`) } : {}),
  }).catch((error) => {
    console.error(`build-electron-native: ${error.message}`);
    process.exit(1);
  });
}
