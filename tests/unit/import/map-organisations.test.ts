import { describe, expect, it } from 'vitest';
import { buildOrganisationIndex, matchOrganisation, organisationKey, type KnownOrganisation } from '../../../main/import/map/organisations.ts';

const KNOWN: KnownOrganisation[] = [
  { id: 'org-st-giles', name: 'St Giles Trust' },
  { id: 'org-redthread', name: 'Redthread' },
  { id: 'org-mopac', name: "Mayor's Office for Policing and Crime", aliases: ['MOPAC'] },
  { id: 'org-victim-support', name: 'Victim Support' },
  { id: 'org-safer-london', name: 'Safer London', identifier: 'GB-CHC-1234567' },
  { id: 'org-hackney', name: 'London Borough of Hackney', boroughGss: 'E09000012' },
  { id: 'org-kc', name: 'Royal Borough of Kensington and Chelsea', boroughGss: 'E09000020' },
];
const index = buildOrganisationIndex(KNOWN);

describe('organisationKey', () => {
  it.each([
    ['St Giles Trust', 'st giles trust'],
    ['ST GILES TRUST LTD', 'st giles trust'],
    ['St. Giles Trust', 'st giles trust'],
    ['Saint Giles Trust Limited', 'st giles trust'],
    ['The St Giles Trust', 'st giles trust'],
    ['St Giles Trust (The)', 'st giles trust'],
    ['St Giles Trust, The', 'st giles trust'],
    ['  St\u00A0Giles   Trust  ', 'st giles trust'],
    ['Catch22 Charity Ltd', 'catch22 charity'],
    ['Growing Against Violence CIC', 'growing against violence'],
    ['Art Against Knives Community Interest Company', 'art against knives'],
    ['Smith & Jones LLP', 'smith and jones'],
    ["Barnardo's", 'barnardos'],
    ['Barnardos', 'barnardos'],
  ])('reads %j as %j', (name, key) => {
    expect(organisationKey(name)).toBe(key);
  });

  it('keeps a name that is only a legal word rather than emptying it', () => {
    expect(organisationKey('Limited')).toBe('limited');
    expect(organisationKey('The')).toBe('the');
  });
});

describe('matchOrganisation', () => {
  it.each(['St Giles Trust', 'ST GILES TRUST LTD', 'St. Giles Trust', 'the st giles trust'])('matches %j to St Giles Trust exactly', (name) => {
    expect(matchOrganisation(name, index)).toEqual({
      outcome: 'matched', organisationId: 'org-st-giles', name: 'St Giles Trust', via: 'name', alias: 'St Giles Trust',
    });
  });

  it('matches an alias and says which', () => {
    expect(matchOrganisation('M.O.P.A.C.', index)).toMatchObject({ outcome: 'new' });
    expect(matchOrganisation('mopac', index)).toMatchObject({ outcome: 'matched', organisationId: 'org-mopac', via: 'alias', alias: 'MOPAC' });
    expect(matchOrganisation('Mayors Office for Policing & Crime', index)).toMatchObject({ outcome: 'matched', organisationId: 'org-mopac', via: 'name' });
  });

  it('matches a borough council by any name shared/boroughs.ts knows', () => {
    expect(matchOrganisation('LB Hackney', index)).toMatchObject({ outcome: 'matched', organisationId: 'org-hackney', via: 'borough', alias: 'Hackney' });
    expect(matchOrganisation('Hackney Council', index)).toMatchObject({ outcome: 'matched', organisationId: 'org-hackney' });
    expect(matchOrganisation('RBKC', index)).toMatchObject({ outcome: 'matched', organisationId: 'org-kc', via: 'borough' });
    expect(matchOrganisation('Kensington & Chelsea', index)).toMatchObject({ outcome: 'matched', organisationId: 'org-kc' });
  });

  it('matches by organisation identifier whatever the name', () => {
    expect(matchOrganisation('Safer London Foundation', index, 'GB-CHC-1234567')).toMatchObject({
      outcome: 'matched', organisationId: 'org-safer-london', via: 'identifier',
    });
  });

  it('lists near matches as uncertain with candidates and a score, never as matched', () => {
    const stGiles = matchOrganisation('St Giles', index);
    expect(stGiles.outcome).toBe('uncertain');
    if (stGiles.outcome !== 'uncertain') return;
    expect(stGiles.candidates[0]).toMatchObject({ organisationId: 'org-st-giles', name: 'St Giles Trust' });
    expect(stGiles.candidates[0]?.score).toBeGreaterThanOrEqual(0.75);
    expect(stGiles.candidates[0]?.score).toBeLessThan(1);

    const redthread = matchOrganisation('Redthread Youth', index);
    expect(redthread).toMatchObject({ outcome: 'uncertain', candidates: [{ organisationId: 'org-redthread' }] });

    const typo = matchOrganisation('St Gilles Trust', index);
    expect(typo).toMatchObject({ outcome: 'uncertain', candidates: [{ organisationId: 'org-st-giles', why: 'spelt almost the same' }] });
  });

  it('does not call names alike for sharing only common words', () => {
    expect(matchOrganisation('Youth Trust', index)).toEqual({ outcome: 'new' });
    expect(matchOrganisation('St Mungos', index)).toEqual({ outcome: 'new' });
    expect(matchOrganisation('Victim Care London', index)).toEqual({ outcome: 'new' });
    expect(matchOrganisation('Hackney Quest', index)).toEqual({ outcome: 'new' });
  });

  it('treats two known organisations with the same name as uncertain, listing both', () => {
    const twins = buildOrganisationIndex([
      { id: 'a', name: 'Safe Haven' },
      { id: 'b', name: 'Safe Haven Ltd' },
    ]);
    const result = matchOrganisation('SAFE HAVEN', twins);
    expect(result.outcome).toBe('uncertain');
    if (result.outcome === 'uncertain') expect(result.candidates.map((c) => c.organisationId).sort()).toEqual(['a', 'b']);
  });
});
