// A store of realistic size for benchmarks: 2,000 services, 100,000 funding lines,
// 100,000 payments and 10,000 notes, with sources, witnesses, sessions, coded
// excerpts and links. Deterministic, written through the store's own write path.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createStore } from '../../main/store/store.ts';
import { SCHEMA_VERSION } from '../../main/store/migrate.ts';

export interface RealisticSize {
  services: number;
  fundingLines: number;
  payments: number;
  notes: number;
}

export const REALISTIC: RealisticSize = { services: 2_000, fundingLines: 100_000, payments: 100_000, notes: 10_000 };

const CATEGORIES = ['Victim support', 'Crime prevention', 'Reducing reoffending', 'Violence reduction', 'Domestic abuse', 'Youth work', 'Exploitation'];
const WORDS = ('funding provider borough young people knife crime mentoring caseworkers outcomes evaluation referral waiting list '
  + 'quarterly performance commissioning catalogue trauma informed schools exclusions hospital A&E custody probation housing '
  + 'refuge advocacy safeguarding gangs county lines exploitation mental health long-term short-term grant contract value money').split(' ');

function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Builds the store at `path` (or reuses one built before for this schema version). */
export async function realisticStore(path: string, size: RealisticSize = REALISTIC): Promise<string> {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const store = await createStore(building);
  const random = sequence(42);
  const { db, writer } = store;
  const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T;
  const investigationId = one<string>('SELECT id FROM investigations');
  const mopac = one<string>("SELECT id FROM organisations WHERE name LIKE 'Mayor''s Office%'");
  const vru = one<string>("SELECT id FROM organisations WHERE name LIKE 'Mayor''s Violence%'");
  const boroughIds = db.prepare('SELECT id FROM boroughs ORDER BY gss_code').pluck().all() as string[];
  const fundIds = db.prepare("SELECT id FROM funds WHERE code <> 'LCPF' ORDER BY code").pluck().all() as string[];
  const kqIds = db.prepare('SELECT id FROM key_questions ORDER BY number').pluck().all() as string[];
  const torIds = db.prepare('SELECT id FROM tor_items ORDER BY number').pluck().all() as string[];

  writer.change('Realistic data', (tx) => {
    const providers: string[] = [];
    for (let i = 0; i < 300; i += 1) providers.push(tx.insert('organisations', { name: `Provider ${i} ${WORDS[i % WORDS.length]} trust`, kind: 'provider' }));
    const services: { id: string; provider: string }[] = [];
    for (let i = 0; i < size.services; i += 1) {
      const provider = providers[i % providers.length]!;
      const id = tx.insert('services', {
        reference: `SVC-${String(i).padStart(5, '0')}`, name: `${CATEGORIES[i % CATEGORIES.length]} service ${i}`, provider_id: provider,
        commissioner_id: i % 3 === 0 ? vru : mopac, category: CATEGORIES[i % CATEGORIES.length]!, aims: sentence(random, 14), outcomes: sentence(random, 10),
        start_date: `20${19 + (i % 5)}-04-01`, end_date: `20${24 + (i % 4)}-03-31`, london_wide: i % 10 === 0 ? 1 : 0,
      });
      services.push({ id, provider });
      if (i % 10 !== 0) for (let b = 0; b < 1 + (i % 3); b += 1) tx.insert('service_boroughs', { service_id: id, borough_id: boroughIds[(i * 7 + b * 11) % 33]! });
    }
    for (let i = 0; i < size.fundingLines; i += 1) {
      const service = services[i % services.length]!;
      tx.insert('funding_lines', {
        service_id: service.id, fund_id: fundIds[Math.floor(i / services.length) % fundIds.length]!, borough_id: boroughIds[Math.floor(i / (services.length * fundIds.length)) % 33]!,
        fy_start: 2019 + (i % 6), fy_end: 2019 + (i % 6), measure: i % 2 === 0 ? 'allocated' : 'spent', amount_pence: 100_000 + Math.floor(random() * 50_000_000),
      });
    }
    for (let i = 0; i < size.payments; i += 1) {
      const service = services[(i * 13) % services.length]!;
      const month = 1 + (i % 12);
      tx.insert('payments', {
        paid_on: `${2020 + (i % 5)}-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, supplier_name: `Provider ${(i * 13) % 300}`,
        organisation_id: service.provider, service_id: service.id, amount_pence: 50_000 + Math.floor(random() * 5_000_000), description: sentence(random, 6),
        cost_centre: `VRU-${i % 40}`, transaction_ref: `TX${i}`,
      });
    }
    const perspectives = ['commissioner', 'provider', 'borough', 'service_user', 'expert'];
    const sources: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      sources.push(tx.insert('sources', { kind: i % 4 === 0 ? 'written_submission' : 'document', title: `Submission ${i}: ${sentence(random, 5)}`, publisher: `Publisher ${i % 20}`, perspective: perspectives[i % 5]!, citation: sentence(random, 12) }));
    }
    const witnesses: string[] = [];
    for (let i = 0; i < 60; i += 1) witnesses.push(tx.insert('witnesses', { name: `Witness ${i}`, role: 'Director', perspective: perspectives[i % 5]!, organisation_id: providers[i]! }));
    const sessions: string[] = [];
    for (let i = 0; i < 30; i += 1) sessions.push(tx.insert('evidence_sessions', { investigation_id: investigationId, kind: i % 3 === 0 ? 'site_visit' : 'oral', title: `Evidence session ${i}`, held_on: `2025-${String(1 + (i % 12)).padStart(2, '0')}-10` }));
    for (let i = 0; i < size.notes; i += 1) {
      const body = Array.from({ length: 6 }, () => sentence(random, 12)).join(' ');
      const note = tx.insert('notes', {
        investigation_id: investigationId, session_id: sessions[i % sessions.length]!, witness_id: witnesses[i % witnesses.length]!, source_id: i % 5 === 0 ? sources[i % sources.length]! : null,
        title: `Note ${i}: ${sentence(random, 4)}`, body, written_on: '2025-06-01',
      });
      if (i % 2 === 0) {
        const end = body.indexOf('.') + 1;
        const excerpt = tx.insert('excerpts', { note_id: note, start_offset: 0, end_offset: end, quote: body.slice(0, end) });
        tx.insert('evidence_links', {
          ...(i % 7 === 0 ? { tor_item_id: torIds[i % torIds.length]! } : { key_question_id: kqIds[i % kqIds.length]! }),
          excerpt_id: excerpt, stance: ['supports', 'challenges', 'context'][i % 3]!, comment: sentence(random, 5),
        });
      }
    }
  }, { baseline: true });
  store.close();
  renameSync(building, path);
  return path;
}

export function realisticStorePath(root: string): string {
  return `${root}/realistic-v${SCHEMA_VERSION}.sqlite`;
}
