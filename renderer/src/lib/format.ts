// Words and numbers as the interface shows them. Pure functions, unit-tested.
import { financialYear, formatFinancialYearRange } from '../../../shared/financial-year.ts';
import { formatMoney, formatMoneyShort } from '../../../shared/money.ts';
import type { Figure, LinkCounts, ProgressStatus, ReconciliationCheck, Source } from '../../../shared/schemas.ts';

/** "No evidence linked yet", or "3 linked: 2 support, 1 challenges". */
export function linkSummary(links: LinkCounts): string {
  if (links.total === 0) return 'No evidence linked yet';
  const parts: string[] = [];
  if (links.supports > 0) parts.push(`${links.supports} ${links.supports === 1 ? 'supports' : 'support'}`);
  if (links.challenges > 0) parts.push(`${links.challenges} ${links.challenges === 1 ? 'challenges' : 'challenge'}`);
  if (links.context > 0) parts.push(`${links.context} ${links.context === 1 ? 'gives' : 'give'} context`);
  return parts.length > 0 ? `${links.total} linked: ${parts.join(', ')}` : `${links.total} linked`;
}

const STATUS_WORDS: Record<ProgressStatus, string> = {
  not_started: 'Not started',
  gathering: 'Gathering evidence',
  enough_evidence: 'Enough evidence',
  finding_drafted: 'Finding drafted',
};

export function statusWords(status: ProgressStatus): string {
  return STATUS_WORDS[status];
}

export const OUTCOME_WORDS: Record<ReconciliationCheck['outcome'], string> = {
  agrees: 'Adds up',
  differs: 'Differs',
  info: 'Worked out',
};

const SOURCE_KIND_WORDS: Record<Source['kind'], string> = {
  document: 'Document',
  dataset: 'Dataset',
  web_page: 'Web page',
  transcript: 'Transcript',
  written_submission: 'Written submission',
  other: 'Other source',
};

export function sourceKindWords(kind: Source['kind']): string {
  return SOURCE_KIND_WORDS[kind];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "07:15 today", "18:40 yesterday", "03/04/2023 07:15" (local time, UK order). */
export function whenText(instant: Date, now: Date): string {
  const time = `${pad2(instant.getHours())}:${pad2(instant.getMinutes())}`;
  if (sameLocalDay(instant, now)) return `${time} today`;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameLocalDay(instant, yesterday)) return `${time} yesterday`;
  return `${pad2(instant.getDate())}/${pad2(instant.getMonth() + 1)}/${instant.getFullYear()} ${time}`;
}

/** The status bar's backup line. `takenAt` is a machine timestamp (ISO 8601 with zone). */
export function backupText(takenAt: string | null | undefined, now: Date): string {
  if (takenAt === null || takenAt === undefined) return 'No backup yet';
  const instant = new Date(takenAt);
  if (Number.isNaN(instant.getTime())) return 'Backup time not known';
  return `Backed up ${whenText(instant, now)}`;
}

/** "2022-23", or "2022-23 to 2024-25" for a figure spanning years; null when it has no year. */
export function figureYears(figure: Pick<Figure, 'fyStart' | 'fyEnd'>): string | null {
  if (figure.fyStart === null) return null;
  const end = figure.fyEnd ?? figure.fyStart;
  return end === figure.fyStart ? financialYear(figure.fyStart) : formatFinancialYearRange(figure.fyStart, end);
}

/** Prose form, "about" for approximate figures: "£23.6m", "about £70m". */
export function figureShort(figure: Pick<Figure, 'amountPence' | 'approximate'>): string {
  const text = formatMoneyShort(figure.amountPence);
  return figure.approximate ? `about ${text}` : text;
}

/** Exact form, "about" for approximate figures: "£39,315,555", "about £70,000,000". */
export function figureExact(figure: Pick<Figure, 'amountPence' | 'approximate'>): string {
  const text = formatMoney(figure.amountPence);
  return figure.approximate ? `about ${text}` : text;
}

/** A source's number in the overview's list, as a reference mark: "[1]". */
export function referenceMark(index: number): string {
  return `[${index + 1}]`;
}

/** The first sentence of a message, for a narrow place such as the status bar. */
export function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(text.trim());
  return m ? m[0] : text.trim();
}

/** A moment as a UK reader writes it, local time: "03/04/2023 07:15:09" (seconds when asked). */
export function ukDateTime(instant: Date, withSeconds = false): string {
  if (Number.isNaN(instant.getTime())) return 'Time not known';
  const time = `${pad2(instant.getHours())}:${pad2(instant.getMinutes())}${withSeconds ? `:${pad2(instant.getSeconds())}` : ''}`;
  return `${pad2(instant.getDate())}/${pad2(instant.getMonth() + 1)}/${instant.getFullYear()} ${time}`;
}

/** A file's size: "512 bytes", "96 KB", "1.4 MB" (1 KB = 1,024 bytes, as file managers show it). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-GB')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb).toLocaleString('en-GB')} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-GB')} MB`;
  return `${(mb / 1024).toFixed(1)} GB`;
}

/** The last part of a path, whichever separator it uses: "Investigation.sqlite". */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * A path as typed or pasted: trimmed, and without the quotes Windows'
 * "Copy as path" puts round it. Returns null when it is not a full path
 * ("/home/…", "C:\…", "\\server\…"), since a relative one would be taken
 * from wherever Scrutiny Desk happened to start.
 */
export function fullPathOrNull(typed: string): string | null {
  let path = typed.trim();
  if (path.length >= 2 && ((path.startsWith('"') && path.endsWith('"')) || (path.startsWith("'") && path.endsWith("'")))) {
    path = path.slice(1, -1).trim();
  }
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path) ? path : null;
}
