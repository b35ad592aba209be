// SQLite's locking (and WAL) is unsafe where a sync tool copies the file while it is
// written, or on a network file system. We cannot prevent that, but we can warn.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SYNCED_FOLDER_NAMES = [
  'onedrive', 'dropbox', 'google drive', 'googledrive', 'my drive', 'icloud drive', 'iclouddrive',
  'mobile documents', 'box', 'box sync', 'pcloud drive', 'mega', 'nextcloud', 'owncloud', 'sync',
];
const NETWORK_FS_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', 'sshfs', '9p', 'davfs', 'fuse.davfs2', 'afpfs']);

/** Warning for a path that names a cloud-synced folder or a network share; null when it looks local. */
export function syncedPathWarning(filePath: string): string | null {
  if (/^(\\\\|\/\/)[^\\/]+[\\/]/.test(filePath)) {
    return `This store is on a network share (${filePath}). SQLite cannot lock files safely there: keep the store on this computer's own disk and let backups go to the share.`;
  }
  const segments = filePath.split(/[\\/]+/).map((segment) => segment.toLowerCase());
  for (const segment of segments) {
    const named = SYNCED_FOLDER_NAMES.find(
      (name) => segment === name || segment.startsWith(`${name} - `) || segment.startsWith(`${name}-`) || segment === `${name} (personal)`,
    );
    if (named) {
      return `This store is in a cloud-synced folder ("${segment}"). A sync tool that copies it while it is being written makes a damaged copy: keep the store outside synced folders (backups may go there).`;
    }
  }
  return null;
}

/** File-system type of the mount holding a path, from /proc/mounts (Linux only). */
export function mountTypeOf(filePath: string, mountsText?: string): string | null {
  let text = mountsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/mounts', 'utf8');
    } catch {
      return null;
    }
  }
  const absolute = resolve(filePath);
  let best: { point: string; type: string } | null = null;
  for (const line of text.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const decoded = point.replace(/\\040/g, ' ');
    const inside = absolute === decoded || absolute.startsWith(decoded.endsWith('/') ? decoded : `${decoded}/`);
    if (inside && (!best || decoded.length > best.point.length)) best = { point: decoded, type };
  }
  return best?.type ?? null;
}

export function storeLocationWarning(filePath: string, mountsText?: string): string | null {
  const byName = syncedPathWarning(filePath);
  if (byName) return byName;
  const type = mountTypeOf(filePath, mountsText);
  if (type && NETWORK_FS_TYPES.has(type)) {
    return `This store is on a network file system (${type}). SQLite cannot lock files safely there: keep the store on this computer's own disk.`;
  }
  return null;
}
