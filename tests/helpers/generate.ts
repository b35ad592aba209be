// Generated spreadsheets of realistic shape and any size, for the kill test and
// the benchmarks: UK dates, £ amounts with pence, financial years, borough names
// in the variants people write.
import { writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { BOROUGHS } from '../../shared/boroughs.ts';

const SUPPLIER_STEMS = ['St Giles Trust', 'Redthread', 'Safer London', 'Victim Support', 'Catch22', 'Power the Fight', 'Family Action', 'Abianda', 'Carney’s Community', 'Street Doctors'];
const DESCRIPTIONS = ['Grant payment – quarter', 'Youth work in A&E', 'Mentoring sessions', 'Caseworker salaries', 'Training, “Your Choice”', 'Refuge places'];
const BOROUGH_VARIANTS = (index: number) => {
  const borough = BOROUGHS[index % BOROUGHS.length]!;
  return index % 3 === 0 ? borough.name.replace(' and ', ' & ') : index % 3 === 1 ? borough.name.toUpperCase() : borough.name;
};

function pounds(pence: number): string {
  const whole = Math.floor(pence / 100).toLocaleString('en-GB');
  return `£${whole}.${String(pence % 100).padStart(2, '0')}`;
}

/** A deterministic pseudo-random sequence, so every run generates the same file. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export interface GeneratedRows {
  headers: string[];
  rows: string[][];
  /** Sum of the amounts, in pence, for checking what lands. */
  totalPence: number;
}

/** Payments over £500: Date, Supplier, Amount, Description, Cost centre, Transaction reference. */
export function paymentRows(count: number, seed = 7): GeneratedRows {
  const random = sequence(seed);
  const rows: string[][] = [];
  let totalPence = 0;
  for (let i = 0; i < count; i += 1) {
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const year = 2021 + Math.floor(random() * 4);
    const pence = 50_000 + Math.floor(random() * 5_000_000);
    totalPence += pence;
    const supplier = `${SUPPLIER_STEMS[i % SUPPLIER_STEMS.length]}${i % 200 === 0 ? '' : ` ${1 + (i % 300)}`}`;
    rows.push([
      `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`, supplier, pounds(pence),
      `${DESCRIPTIONS[i % DESCRIPTIONS.length]} ${1 + (i % 4)}`, `VRU-${String(i % 40).padStart(2, '0')}`, `TX${String(i).padStart(7, '0')}`,
    ]);
  }
  return { headers: ['Date', 'Supplier', 'Amount', 'Description', 'Cost centre', 'Transaction reference'], rows, totalPence };
}

/** Funding lines, long layout: Service, Fund, Borough, Financial year, Allocated, Spent. */
export function fundingRows(count: number, seed = 11): GeneratedRows {
  const random = sequence(seed);
  const funds = ['LCPF direct', 'LCPF-VRU', 'Co-commissioning', 'London-wide commissioning'];
  const rows: string[][] = [];
  let totalPence = 0;
  for (let i = 0; i < count; i += 1) {
    // Every (service, borough, year, fund) once: the index spells it out.
    const fy = 2019 + (i % 6);
    const borough = Math.floor(i / 6) % 33;
    const fund = Math.floor(i / 198) % funds.length;
    const service = Math.floor(i / 792);
    const allocated = 100_000 + Math.floor(random() * 50_000_000);
    totalPence += allocated;
    rows.push([
      `Service ${String(service).padStart(4, '0')}`, funds[fund]!, BOROUGH_VARIANTS(borough + service),
      fy % 2 === 0 ? `${fy}-${String((fy + 1) % 100).padStart(2, '0')}` : `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`,
      pounds(allocated), pounds(Math.floor(allocated * 0.9)),
    ]);
  }
  return { headers: ['Service', 'Fund', 'Borough', 'Financial year', 'Allocated', 'Spent'], rows, totalPence };
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(path: string, data: GeneratedRows): void {
  const lines = [data.headers, ...data.rows].map((row) => row.map(csvField).join(','));
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
}

/** An XLSX written by SheetJS, the library many publishers' tools use; amounts as text, as they often arrive. */
export function writeXlsx(path: string, data: GeneratedRows): void {
  const sheet = XLSX.utils.aoa_to_sheet([data.headers, ...data.rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Data');
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}
