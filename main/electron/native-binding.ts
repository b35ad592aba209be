// Where the Electron build of better-sqlite3 lives. Electron has its own Node ABI,
// so it needs its own better_sqlite3.node; node_modules/better-sqlite3/build keeps
// the plain Node build that tests, the CLI and browser mode use.
//
// Development:  <project>/build/electron-native/<electron version>/better_sqlite3.node
//               (built by scripts/build-electron-native.mjs, git-ignored)
// Packaged:     <resources>/native/<electron version>/better_sqlite3.node
//               (electron-builder.yml copies build/electron-native there as extraResources,
//               outside app.asar, so the .node file can be loaded)
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Relative to the project root. Keep in step with scripts/build-electron-native.mjs (a test checks). */
export const NATIVE_BUILD_DIR = join('build', 'electron-native');
/** Relative to process.resourcesPath in a packaged app. Keep in step with electron-builder.yml. */
export const PACKAGED_NATIVE_DIR = 'native';
export const NATIVE_FILE_NAME = 'better_sqlite3.node';

export interface NativeBindingPlace {
  /** process.versions.electron */
  electronVersion: string;
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath() in development: the project root. */
  projectRoot: string;
  /** process.resourcesPath, used when packaged. */
  resourcesPath?: string | undefined;
}

const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Where better_sqlite3.node for this Electron should be. */
export function electronNativeBindingPath(place: NativeBindingPlace): string {
  if (!VERSION.test(place.electronVersion)) throw new Error(`"${place.electronVersion}" is not an Electron version.`);
  if (place.isPackaged) {
    if (!place.resourcesPath) throw new Error('A packaged app needs process.resourcesPath to find its native modules.');
    return join(place.resourcesPath, PACKAGED_NATIVE_DIR, place.electronVersion, NATIVE_FILE_NAME);
  }
  return join(place.projectRoot, NATIVE_BUILD_DIR, place.electronVersion, NATIVE_FILE_NAME);
}

/** Whether the Electron build of better-sqlite3 is there for this Electron. */
export function hasElectronNativeBinding(place: NativeBindingPlace, exists: (path: string) => boolean = existsSync): boolean {
  try {
    return exists(electronNativeBindingPath(place));
  } catch {
    return false;
  }
}

/** What to tell a person when the binding is missing. */
export function missingNativeBindingMessage(place: NativeBindingPlace): string {
  const where = (() => {
    try {
      return electronNativeBindingPath(place);
    } catch (error) {
      return (error as Error).message;
    }
  })();
  return place.isPackaged
    ? `This copy of Scrutiny Desk is incomplete: its database module for Electron ${place.electronVersion} is missing (${where}). Reinstall Scrutiny Desk.`
    : `better-sqlite3 has not been built for Electron ${place.electronVersion} (${where} is missing). Run "node scripts/build-electron-native.mjs", or start with "npm start", which builds it.`;
}
