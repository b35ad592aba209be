// Folders of the project itself, found from this file rather than the working directory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIST = join(PROJECT_ROOT, 'dist', 'renderer');
