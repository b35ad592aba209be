import { describe, expect, it } from 'vitest';
import { mountTypeOf, storeLocationWarning, syncedPathWarning } from '../../main/store/location.ts';

describe('store location warnings', () => {
  it.each([
    'C:\\Users\\sam\\OneDrive - Greater London Authority\\Scrutiny\\MOPAC.sqlite',
    'C:\\Users\\sam\\OneDrive\\MOPAC.sqlite',
    '/Users/sam/Dropbox/Committee/MOPAC.sqlite',
    '/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/MOPAC.sqlite',
    'G:\\My Drive\\MOPAC.sqlite',
    '/home/sam/Google Drive/MOPAC.sqlite',
  ])('warns about a cloud-synced folder: %s', (path) => {
    expect(syncedPathWarning(path)).toMatch(/cloud-synced folder/);
  });

  it.each(['\\\\gla-files\\scrutiny\\MOPAC.sqlite', '//gla-files/scrutiny/MOPAC.sqlite'])('warns about a network share: %s', (path) => {
    expect(syncedPathWarning(path)).toMatch(/network share/);
  });

  it.each(['C:\\Users\\sam\\Documents\\MOPAC.sqlite', '/home/sam/.config/Scrutiny Desk/MOPAC.sqlite', '/home/sam/dropboxes-notes/MOPAC.sqlite'])(
    'is quiet for a local folder: %s',
    (path) => {
      expect(syncedPathWarning(path)).toBeNull();
    },
  );

  const mounts = [
    '/dev/vda / ext4 rw,relatime 0 0',
    'fileserver:/export/scrutiny /mnt/scrutiny nfs4 rw 0 0',
    '//gla/share /mnt/gla\\040share cifs rw 0 0',
  ].join('\n');

  it('reads the file system of the deepest mount holding the path', () => {
    expect(mountTypeOf('/mnt/scrutiny/inquiry/MOPAC.sqlite', mounts)).toBe('nfs4');
    expect(mountTypeOf('/mnt/gla share/MOPAC.sqlite', mounts)).toBe('cifs');
    expect(mountTypeOf('/home/sam/MOPAC.sqlite', mounts)).toBe('ext4');
    expect(mountTypeOf('/mnt/scrutinyx/MOPAC.sqlite', mounts)).toBe('ext4');
  });

  it('warns about a network file system and not about a local disk', () => {
    expect(storeLocationWarning('/mnt/scrutiny/MOPAC.sqlite', mounts)).toMatch(/network file system \(nfs4\)/);
    expect(storeLocationWarning('/home/sam/MOPAC.sqlite', mounts)).toBeNull();
  });
});
