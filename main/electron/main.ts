// The Electron entry (bundled to dist/electron/main.cjs, package.json "main").
// The one place the real electron module is wired in; everything it does is in
// desktop.ts, which takes the modules as parameters and is tested with fakes.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { startDesktop } from './desktop.ts';

startDesktop({ app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell }).catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`Scrutiny Desk could not start: ${message}`);
  try {
    dialog.showErrorBox('Scrutiny Desk could not start', error instanceof Error ? error.message : String(error));
  } finally {
    app.exit(1);
  }
});
