import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppContext } from '../../../main/app-context.ts';
import { backupsToKeep } from '../../../main/store/backup.ts';
import { createStore } from '../../../main/store/store.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();

describe('backups', () => {
  it('are taken with the backup API while the store is open, and open cleanly on their own', async () => {
    const store = await createStore(join(dir, 'live.sqlite'));
    const investigationId = store.db.prepare('SELECT id FROM investigations').pluck().get() as string;
    store.writer.change('Add notes', (tx) => {
      for (let i = 0; i < 50; i += 1) tx.insert('notes', { investigation_id: investigationId, title: `Note ${i}`, body: 'Evidence '.repeat(50) });
    });
    const backup = await store.backup('manual');
    expect(backup.path.startsWith(store.backupDir)).toBe(true);
    expect(backup.fileName).toMatch(/^live \d{4}-\d{2}-\d{2} \d{2}\.\d{2}\.\d{2}\.\d{3} UTC manual\.sqlite$/);
    const copy = new Database(backup.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
    expect(copy.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(50);
    expect(copy.prepare('SELECT count(*) FROM key_questions').pluck().get()).toBe(4);
    copy.close();
    // A backup is itself a store the app can open.
    const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app'), backupAtOpen: false });
    await context.open(backup.path);
    expect(context.status()?.investigationTitle).toBe('MOPAC and VRU Commissioning');
    context.close();
    store.close();
  });

  it('rotate: a few recent ones and the newest of each day are kept', async () => {
    let now = new Date(Date.UTC(2026, 10, 1, 9));
    const store = await createStore(join(dir, 'rotating.sqlite'), { clock: () => now, backupPolicy: { keepRecent: 3, keepDays: 7 } });
    for (let day = 0; day < 10; day += 1) {
      for (let hour = 0; hour < 3; hour += 1) {
        now = new Date(Date.UTC(2026, 10, 1 + day, 9 + hour));
        await store.backup('scheduled');
      }
    }
    const kept = store.backups().map((b) => b.takenAt);
    // The 3 most recent (all on 10 Nov) plus the newest of each of the 7 days before.
    expect(kept.slice(0, 3)).toEqual(['2026-11-10T11:00:00.000Z', '2026-11-10T10:00:00.000Z', '2026-11-10T09:00:00.000Z']);
    expect(kept.slice(3)).toEqual(['2026-11-09T11:00:00.000Z', '2026-11-08T11:00:00.000Z', '2026-11-07T11:00:00.000Z', '2026-11-06T11:00:00.000Z', '2026-11-05T11:00:00.000Z', '2026-11-04T11:00:00.000Z', '2026-11-03T11:00:00.000Z']);
    store.close();
  });

  it('policy keeps nothing twice and never more than it says', () => {
    const times = ['2026-11-25T09:00:00.000Z', '2026-11-25T08:00:00.000Z', '2026-11-24T23:00:00.000Z', '2026-10-01T10:00:00.000Z'];
    const keep = backupsToKeep(times, new Date('2026-11-25T10:00:00Z'), { keepRecent: 1, keepDays: 30 });
    expect([...keep].sort()).toEqual(['2026-11-24T23:00:00.000Z', '2026-11-25T09:00:00.000Z']);
  });

  it('are taken when a store is opened and the newest is over an hour old', async () => {
    let now = new Date(Date.UTC(2026, 10, 25, 9));
    const path = join(dir, 'opened.sqlite');
    (await createStore(path)).close();
    const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app2'), clock: () => now });
    await context.open(path);
    expect(context.status()?.lastBackup?.reason).toBe('on open');
    now = new Date(Date.UTC(2026, 10, 25, 9, 30));
    await context.open(path);
    expect(context.store!.backups()).toHaveLength(1);
    now = new Date(Date.UTC(2026, 10, 25, 11));
    await context.open(path);
    expect(context.store!.backups()).toHaveLength(2);
    context.close();
  });
});

describe('scheduled backups', () => {
  it('are taken only when something was edited since the last one', async () => {
    let now = new Date(Date.UTC(2026, 10, 25, 9));
    const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app3'), clock: () => now });
    await context.create(join(dir, 'scheduled.sqlite'));
    await context.open(join(dir, 'scheduled.sqlite'));
    expect(await context.backupIfChanged()).toBe(false);
    const store = context.requireStore();
    const investigationId = store.db.prepare('SELECT id FROM investigations').pluck().get() as string;
    store.writer.change('Add a note', (tx) => tx.insert('notes', { investigation_id: investigationId, title: 'Visit', body: '' }));
    now = new Date(Date.UTC(2026, 10, 25, 9, 15));
    expect(await context.backupIfChanged()).toBe(true);
    expect(context.status()?.lastBackup?.reason).toBe('scheduled');
    expect(await context.backupIfChanged()).toBe(false);
    store.writer.undo();
    now = new Date(Date.UTC(2026, 10, 25, 9, 30));
    expect(await context.backupIfChanged()).toBe(true);
    context.close();
  });
});
