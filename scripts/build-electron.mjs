#!/usr/bin/env node
// `npm run build:electron`: bundles the Electron main process and the preload with
// esbuild into dist/electron/main.cjs and dist/electron/preload.cjs.
//
// - main.cjs: platform node, CommonJS; electron and better-sqlite3 stay external
//   (better-sqlite3 loads its .node file at run time). JSON imports are bundled.
//   Source files that use import.meta.url (main/paths.ts) get, per file, the URL the
//   source file has in the project tree, computed at run time from the bundle's own
//   folder, so PROJECT_ROOT and friends still point at the project (or app.asar).
// - preload.cjs: ONE self-contained file (a sandboxed preload can require nothing but
//   'electron'); checked after the build.
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(PROJECT_ROOT, 'dist', 'electron');
/** Electron 45 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };
const FILE_URL_HELPER = '__scrutinySourceUrl';

/**
 * Replaces import.meta.url / import.meta.dirname / import.meta.filename, which CommonJS
 * output lacks, with the source file's location relative to the bundle
 * (dist/electron/ -> ../../<source path>).
 */
export function importMetaPlugin(outDir = OUT_DIR) {
  return {
    name: 'scrutiny-import-meta',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta')) return undefined;
        const fromOut = relative(outDir, args.path).split(sep).join('/');
        const url = `${FILE_URL_HELPER}(${JSON.stringify(fromOut)})`;
        const rewritten = contents
          .replace(/\bimport\.meta\.url\b/g, url)
          .replace(/\bimport\.meta\.filename\b/g, `require("node:url").fileURLToPath(${url})`)
          .replace(/\bimport\.meta\.dirname\b/g, `require("node:path").dirname(require("node:url").fileURLToPath(${url}))`);
        return { contents: rewritten, loader: LOADERS[extname(args.path)] ?? 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

const MAIN_BANNER = [
  '"use strict";',
  `function ${FILE_URL_HELPER}(fromBundle) { return require("node:url").pathToFileURL(require("node:path").join(__dirname, fromBundle)).href; }`,
].join('\n');

export async function buildElectron({ projectRoot = PROJECT_ROOT, outDir = OUT_DIR, log = console.log } = {}) {
  mkdirSync(outDir, { recursive: true });
  const common = {
    absWorkingDir: projectRoot,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
    charset: 'utf8',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  const mainResult = await build({
    ...common,
    entryPoints: [join(projectRoot, 'main', 'electron', 'main.ts')],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    target: NODE_TARGET,
    external: ['electron', 'better-sqlite3'],
    banner: { js: MAIN_BANNER },
    plugins: [importMetaPlugin(outDir)],
    metafile: true,
  });
  const preloadResult = await build({
    ...common,
    entryPoints: [join(projectRoot, 'main', 'electron', 'preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    platform: 'browser',
    target: CHROME_TARGET,
    external: ['electron'],
    // It carries the contract's schemas (zod); minified, it parses faster on every page load.
    minify: true,
    metafile: true,
  });

  // The import worker, as an ES module of its own (it awaits at its top level), so the
  // packaged app needs neither tsx nor the TypeScript sources.
  await build({
    ...common,
    format: 'esm',
    entryPoints: [join(projectRoot, 'main', 'import', 'job-worker.ts')],
    outfile: join(outDir, 'import-worker.mjs'),
    platform: 'node',
    target: NODE_TARGET,
    external: ['better-sqlite3'],
    banner: { js: 'import { createRequire as __scrutinyCreateRequire } from "node:module"; const require = __scrutinyCreateRequire(import.meta.url);' },
  });

  const preload = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length > 0) throw new Error(`The preload must be self-contained, but it requires: ${[...new Set(foreign)].join(', ')}`);
  if (/\bimport\.meta\b/.test(readFileSync(join(outDir, 'main.cjs'), 'utf8'))) throw new Error('main.cjs still uses import.meta, which CommonJS lacks.');

  const size = (result, file) => Math.round((result.metafile.outputs[relative(projectRoot, join(outDir, file)).split(sep).join('/')]?.bytes ?? 0) / 1024);
  log(`Built ${relative(projectRoot, join(outDir, 'main.cjs'))} (${size(mainResult, 'main.cjs')} KB) and ${relative(projectRoot, join(outDir, 'preload.cjs'))} (${size(preloadResult, 'preload.cjs')} KB).`);
  return { main: join(outDir, 'main.cjs'), preload: join(outDir, 'preload.cjs'), importWorker: join(outDir, 'import-worker.mjs') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildElectron().catch((error) => {
    console.error(`build-electron: ${error.message}`);
    process.exit(1);
  });
}
