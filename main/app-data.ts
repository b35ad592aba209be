// Where Scrutiny Desk keeps its own files when no store is named: the same folder
// Electron's app.getPath('userData') gives for the product name "Scrutiny Desk".
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Scrutiny Desk';
export const DEFAULT_STORE_NAME = 'MOPAC and VRU Commissioning.sqlite';

export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SCRUTINY_DATA_DIR) return env.SCRUTINY_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
