// `npm run web`: browser mode. Serves the built renderer and the API on 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApi } from '../api.ts';
import { AppContext } from '../app-context.ts';
import { RENDERER_DIST } from '../paths.ts';
import { StoreError } from '../store/errors.ts';
import { startWebServer } from './server.ts';

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Open the address above in your browser.'));
    child.unref();
  } catch {
    console.log('Open the address above in your browser.');
  }
}

export async function runWeb(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      store: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  if (!existsSync(RENDERER_DIST)) throw new Error(`The renderer is not built (${RENDERER_DIST} is missing): run "npm run build:renderer" first.`);

  const context = new AppContext({ face: 'web', ...(values['data-dir'] ? { appDataDir: values['data-dir'] } : {}) });
  if (values.store) {
    if (existsSync(values.store)) await context.open(values.store);
    else await context.create(values.store, true);
  } else {
    await context.openDefault();
  }
  context.startBackupSchedule();
  const api = createApi(context);
  const server = await startWebServer({ api, staticDir: RENDERER_DIST, port });
  const status = context.status();
  console.log(`Scrutiny Desk (browser mode) is running at ${server.url}`);
  console.log(`Store: ${status?.path}`);
  if (status?.locationWarning) console.log(`Warning: ${status.locationWarning}`);
  if (!values['no-open']) openInBrowser(server.url);

  const stop = async () => {
    await server.close();
    context.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

runWeb(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof StoreError ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : (error as Error).message;
  console.error(`Scrutiny Desk could not start: ${message}`);
  process.exit(1);
});
