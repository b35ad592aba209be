import { describe, expect, it } from 'vitest';
import { backupText, figureExact, firstSentence, figureShort, figureYears, linkSummary, statusWords, whenText } from '../../../renderer/src/lib/format.ts';

describe('linkSummary', () => {
  it('says honestly when nothing is linked', () => {
    expect(linkSummary({ total: 0, supports: 0, challenges: 0, context: 0 })).toBe('No evidence linked yet');
  });
  it('counts each stance with the verb agreeing', () => {
    expect(linkSummary({ total: 3, supports: 2, challenges: 1, context: 0 })).toBe('3 linked: 2 support, 1 challenges');
    expect(linkSummary({ total: 4, supports: 1, challenges: 2, context: 1 })).toBe('4 linked: 1 supports, 2 challenge, 1 gives context');
    expect(linkSummary({ total: 2, supports: 0, challenges: 0, context: 2 })).toBe('2 linked: 2 give context');
  });
});

describe('statusWords', () => {
  it('puts each status in words', () => {
    expect(statusWords('not_started')).toBe('Not started');
    expect(statusWords('gathering')).toBe('Gathering evidence');
    expect(statusWords('finding_drafted')).toBe('Finding drafted');
  });
});

describe('backupText', () => {
  const now = new Date(2025, 10, 25, 9, 30);
  it('says when there is no backup', () => {
    expect(backupText(null, now)).toBe('No backup yet');
  });
  it('gives the time today, yesterday, or the UK date before that', () => {
    expect(backupText(new Date(2025, 10, 25, 7, 15).toISOString(), now)).toBe('Backed up 07:15 today');
    expect(backupText(new Date(2025, 10, 24, 18, 40).toISOString(), now)).toBe('Backed up 18:40 yesterday');
    expect(backupText(new Date(2023, 3, 3, 8, 5).toISOString(), now)).toBe('Backed up 03/04/2023 08:05');
  });
  it('handles the first of a month (yesterday is the last of the one before)', () => {
    expect(whenText(new Date(2025, 9, 31, 23, 59), new Date(2025, 10, 1, 0, 1))).toBe('23:59 yesterday');
  });
  it('does not invent a time from something unreadable', () => {
    expect(backupText('not a time', now)).toBe('Backup time not known');
  });
});

describe('figures in words', () => {
  it('writes financial years and ranges', () => {
    expect(figureYears({ fyStart: 2012, fyEnd: 2012 })).toBe('2012-13');
    expect(figureYears({ fyStart: 2022, fyEnd: 2024 })).toBe('2022-23 to 2024-25');
    expect(figureYears({ fyStart: null, fyEnd: null })).toBeNull();
  });
  it('marks approximate figures with "about"', () => {
    expect(figureShort({ amountPence: 7_000_000_000, approximate: true })).toBe('about £70m');
    expect(figureShort({ amountPence: 2_360_000_000, approximate: false })).toBe('£23.6m');
    expect(figureExact({ amountPence: 3_931_555_500, approximate: false })).toBe('£39,315,555');
  });
});

describe('firstSentence', () => {
  it('keeps the first sentence, whole', () => {
    expect(firstSentence('This file is in a OneDrive folder. Sync tools can copy it mid-write.')).toBe('This file is in a OneDrive folder.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
    expect(firstSentence('It costs £1.5m. Really.')).toBe('It costs £1.5m.');
  });
});
