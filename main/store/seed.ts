// Loads the seeded inquiry (resources/seed) and the 33 boroughs into a new store.
// Seed rows get ids derived from their keys, so the same inquiry has the same ids
// in every store and survives export and merge.
import { createHash } from 'node:crypto';
import inquiryJson from '../../resources/seed/inquiry.json' with { type: 'json' };
import boroughs from '../../resources/boroughs.json' with { type: 'json' };
import type { ChangeTx, Writer } from './writer.ts';

/** The shape of resources/seed/inquiry.json; a next inquiry ships its own file of this shape. */
export interface SeedInquiry {
  investigation: { key: string; title: string; committee: string; body: string; summary: string };
  sources: { key: string; kind: string; title: string; publisher: string; citation: string; notes: string; perspective?: string }[];
  termsOfReference: string[];
  keyQuestions: string[];
  organisations: { key: string; name: string; kind: string; aliases: string[] }[];
  funds: { key: string; code: string; name: string; owner: string; parent?: string; description: string }[];
  figures: {
    key: string; series: string; label: string; amountPence: number; approximate: boolean; fyStart: number; fyEnd: number;
    fund?: string; source: string; locator: string; note?: string; sort: number;
  }[];
  shareClaims: {
    key: string; title: string; statedPercent: number; statedText: string; source: string; part: string;
    wholes: { label: string; figures: string[] }[];
  }[];
}

export const SEED_INQUIRY: SeedInquiry = inquiryJson;

/** A UUID (version 5 layout) derived from a name, stable across stores. */
export function stableId(name: string): string {
  const hash = createHash('sha1').update(`scrutiny-desk:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function normaliseOrganisationName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function councilName(borough: { gss: string; name: string }): string {
  if (borough.gss === 'E09000001') return 'City of London Corporation';
  if (borough.gss === 'E09000033') return 'Westminster City Council';
  if (['E09000011', 'E09000020', 'E09000021'].includes(borough.gss)) return `Royal Borough of ${borough.name}`;
  return `London Borough of ${borough.name}`;
}

export function seedInquiry(writer: Writer, seed: SeedInquiry = SEED_INQUIRY): void {
  const ids = (kind: string, key: string | number) => stableId(`mopac-vru-commissioning:${kind}:${key}`);
  writer.change('Seed the inquiry', (tx: ChangeTx) => {
    // Stores seeded at an older schema (in migration tests) have no perspective column yet.
    const hasPerspective = writer.shape('sources').columns.has('perspective');
    for (const source of seed.sources) {
      tx.insert('sources', {
        id: ids('source', source.key), kind: source.kind, title: source.title, publisher: source.publisher,
        citation: source.citation, notes: source.notes, ...(hasPerspective && source.perspective ? { perspective: source.perspective } : {}),
      });
    }
    const investigationId = ids('investigation', seed.investigation.key);
    const tor = ids('source', 'tor');
    tx.insert('investigations', {
      id: investigationId, title: seed.investigation.title, committee: seed.investigation.committee,
      body: seed.investigation.body, summary: seed.investigation.summary, status: 'gathering', origin_source_id: tor,
    });
    seed.termsOfReference.forEach((text, index) => {
      tx.insert('tor_items', { id: ids('tor', index + 1), investigation_id: investigationId, number: index + 1, text, origin_source_id: tor });
    });
    seed.keyQuestions.forEach((text, index) => {
      tx.insert('key_questions', { id: ids('kq', index + 1), investigation_id: investigationId, number: index + 1, text, origin_source_id: tor });
    });

    const aliasesSeen = new Set<string>();
    const addAlias = (organisationId: string, alias: string) => {
      const normalised = normaliseOrganisationName(alias);
      if (aliasesSeen.has(normalised)) return;
      aliasesSeen.add(normalised);
      tx.insert('organisation_aliases', { id: stableId(`alias:${normalised}`), organisation_id: organisationId, alias, normalised });
    };
    for (const borough of boroughs) {
      const boroughId = stableId(`borough:${borough.gss}`);
      tx.insert('boroughs', { id: boroughId, gss_code: borough.gss, name: borough.name, inner_london: borough.inner ? 1 : 0 });
      const organisationId = stableId(`organisation:borough:${borough.gss}`);
      const name = councilName(borough);
      tx.insert('organisations', { id: organisationId, name, kind: 'borough', borough_id: boroughId, identifier: borough.gss });
      for (const alias of [name, borough.name, `${borough.name} Council`, ...borough.aliases]) addAlias(organisationId, alias);
    }
    for (const organisation of seed.organisations) {
      const organisationId = ids('organisation', organisation.key);
      tx.insert('organisations', { id: organisationId, name: organisation.name, kind: organisation.kind, origin_source_id: tor });
      for (const alias of [organisation.name, ...organisation.aliases]) addAlias(organisationId, alias);
    }
    for (const fund of seed.funds) {
      tx.insert('funds', {
        id: ids('fund', fund.key), code: fund.code, name: fund.name, description: fund.description,
        owner_organisation_id: ids('organisation', fund.owner), parent_fund_id: fund.parent ? ids('fund', fund.parent) : null,
        origin_source_id: tor,
      });
    }
    for (const figure of seed.figures) {
      tx.insert('figures', {
        id: ids('figure', figure.key), investigation_id: investigationId, series: figure.series, label: figure.label,
        amount_pence: figure.amountPence, approximate: figure.approximate ? 1 : 0, fy_start: figure.fyStart, fy_end: figure.fyEnd,
        fund_id: figure.fund ? ids('fund', figure.fund) : null, note: figure.note ?? null,
        source_id: ids('source', figure.source), source_locator: figure.locator, sort: figure.sort, origin_source_id: ids('source', figure.source),
      });
    }
    for (const claim of seed.shareClaims) {
      tx.insert('stated_shares', {
        id: ids('share', claim.key), investigation_id: investigationId, title: claim.title,
        stated_basis_points: Math.round(claim.statedPercent * 100), stated_text: claim.statedText,
        part_figure_id: ids('figure', claim.part),
        wholes_json: JSON.stringify(claim.wholes.map((whole) => ({ label: whole.label, figureIds: whole.figures.map((key) => ids('figure', key)) }))),
        source_id: ids('source', claim.source), source_locator: 'Terms of reference, third item', origin_source_id: ids('source', claim.source),
      });
    }
  }, { baseline: true });
}

export function seedIds() {
  return {
    investigation: stableId('mopac-vru-commissioning:investigation:investigation'),
    source: (key: string) => stableId(`mopac-vru-commissioning:source:${key}`),
    figure: (key: string) => stableId(`mopac-vru-commissioning:figure:${key}`),
  };
}
