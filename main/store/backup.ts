// Rotating backups taken with SQLite's online backup API (never a plain copy of a
// live file, which can catch it mid-write). Each backup is checked before it is
// kept; the rotation keeps a few recent ones and the newest of each day.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/schemas.ts';
import { StoreError } from './errors.ts';

export interface BackupPolicy {
  /** How many of the newest backups to keep whatever their day. */
  keepRecent: number;
  /** How many days back to keep the newest backup of each day. */
  keepDays: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { keepRecent: 5, keepDays: 30 };

// "Investigation 2026-11-25 07.15.00.123 UTC on-open.sqlite"
const NAME_PATTERN = /^(.*) (\d{4}-\d{2}-\d{2}) (\d{2})\.(\d{2})\.(\d{2})\.(\d{3}) UTC ([a-z0-9-]+)\.sqlite$/;

export function backupDirFor(storeFile: string): string {
  return join(dirname(storeFile), `${basename(storeFile, extname(storeFile))} backups`);
}

function stamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-25T07:15:00.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 13)}.${iso.slice(14, 16)}.${iso.slice(17, 19)}.${iso.slice(20, 23)} UTC`;
}

export function listBackups(storeFile: string): BackupInfo[] {
  const dir = backupDirFor(storeFile);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const backups: BackupInfo[] = [];
  for (const fileName of names) {
    const match = NAME_PATTERN.exec(fileName);
    if (!match) continue;
    const [, , day, hh, mm, ss, ms, reason] = match;
    const path = join(dir, fileName);
    backups.push({
      path,
      fileName,
      takenAt: `${day}T${hh}:${mm}:${ss}.${ms}Z`,
      bytes: statSync(path).size,
      reason: reason!.replace(/-/g, ' '),
    });
  }
  return backups.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/** Which backups the policy keeps: the newest `keepRecent`, and the newest of each of the last `keepDays` days. */
export function backupsToKeep(takenAt: readonly string[], now: Date, policy: BackupPolicy): Set<string> {
  const newestFirst = [...takenAt].sort((a, b) => b.localeCompare(a));
  const keep = new Set(newestFirst.slice(0, policy.keepRecent));
  const oldestDay = new Date(now.getTime() - policy.keepDays * 86_400_000).toISOString().slice(0, 10);
  const daysSeen = new Set<string>();
  for (const time of newestFirst) {
    const day = time.slice(0, 10);
    if (day < oldestDay || daysSeen.has(day)) continue;
    daysSeen.add(day);
    keep.add(time);
  }
  return keep;
}

export async function takeBackup(
  db: Database.Database,
  storeFile: string,
  reason: string,
  options: { now?: Date; policy?: BackupPolicy; nativeBinding?: string } = {},
): Promise<BackupInfo> {
  const now = options.now ?? new Date();
  const dir = backupDirFor(storeFile);
  mkdirSync(dir, { recursive: true });
  const slug = reason.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'manual';
  const fileName = `${basename(storeFile, extname(storeFile))} ${stamp(now)} ${slug}.sqlite`;
  const finalPath = join(dir, fileName);
  const partialPath = `${finalPath}.partial`;
  try {
    await db.backup(partialPath);
    // Make the copy a single self-contained file and prove it reads before keeping it.
    const copy = new Database(partialPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new StoreError('store-corrupt', `The backup of ${storeFile} failed its check (${String(check)}); it was not kept.`, storeFile);
    } finally {
      copy.close();
    }
    renameSync(partialPath, finalPath);
  } catch (error) {
    rmSync(partialPath, { force: true });
    if (error instanceof StoreError) throw error;
    throw new StoreError('internal', `Could not back up ${storeFile} to ${dir}: ${(error as Error).message}`, dir);
  }
  rotateBackups(storeFile, now, options.policy ?? DEFAULT_BACKUP_POLICY);
  return listBackups(storeFile).find((b) => b.path === finalPath)!;
}

export function rotateBackups(storeFile: string, now: Date, policy: BackupPolicy): void {
  const backups = listBackups(storeFile);
  const keep = backupsToKeep(backups.map((b) => b.takenAt), now, policy);
  for (const backup of backups) if (!keep.has(backup.takenAt)) rmSync(backup.path, { force: true });
}
