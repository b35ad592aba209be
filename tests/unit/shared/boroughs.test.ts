import { describe, it, expect } from 'vitest';
import { BOROUGHS, TILE_COLUMNS, TILE_ROWS, boroughByGss, matchBorough, type Borough } from '../../../shared/boroughs.ts';
import type { Parsed } from '../../../shared/parsed.ts';

function nameOf(result: Parsed<Borough>): string {
  if (!result.ok) throw new Error(`expected a match, got: ${result.reason}`);
  return result.value.name;
}

function reasonOf(result: Parsed<Borough>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${result.value.name}`);
  return result.reason;
}

describe('the borough list', () => {
  it('has the 33 boroughs with codes E09000001 to E09000033 in order', () => {
    expect(BOROUGHS).toHaveLength(33);
    BOROUGHS.forEach((b, i) => expect(b.gss).toBe(`E090000${String(i + 1).padStart(2, '0')}`));
    expect(new Set(BOROUGHS.map((b) => b.gss)).size).toBe(33);
  });

  it('starts with the City, then the boroughs alphabetically', () => {
    expect(BOROUGHS[0]?.name).toBe('City of London');
    const rest = BOROUGHS.slice(1).map((b) => b.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en-GB')));
    expect(BOROUGHS[32]?.name).toBe('Westminster');
  });

  it('gives every borough its own tile inside the 8 by 7 grid', () => {
    const tiles = BOROUGHS.map((b) => `${b.tile.row},${b.tile.col}`);
    expect(new Set(tiles).size).toBe(33);
    for (const b of BOROUGHS) {
      expect(b.tile.row).toBeGreaterThanOrEqual(1);
      expect(b.tile.row).toBeLessThanOrEqual(TILE_ROWS);
      expect(b.tile.col).toBeGreaterThanOrEqual(1);
      expect(b.tile.col).toBeLessThanOrEqual(TILE_COLUMNS);
    }
  });

  it('places the outer boroughs where a Londoner expects them', () => {
    const at = (gss: string): Borough['tile'] | undefined => boroughByGss(gss)?.tile;
    expect(at('E09000010')?.row).toBe(1); // Enfield at the top
    expect(at('E09000017')?.col).toBe(1); // Hillingdon far left
    expect(at('E09000016')?.col).toBe(TILE_COLUMNS); // Havering far right
    expect(at('E09000029')?.row).toBe(TILE_ROWS); // Sutton at the bottom
  });

  it('marks the 14 ONS Inner London boroughs', () => {
    const inner = BOROUGHS.filter((b) => b.inner).map((b) => b.name);
    expect(inner).toEqual([
      'City of London', 'Camden', 'Hackney', 'Hammersmith and Fulham', 'Haringey', 'Islington',
      'Kensington and Chelsea', 'Lambeth', 'Lewisham', 'Newham', 'Southwark', 'Tower Hamlets',
      'Wandsworth', 'Westminster',
    ]);
  });

  it('finds a borough by code', () => {
    expect(boroughByGss('E09000012')?.name).toBe('Hackney');
    expect(boroughByGss('E09000099')).toBeUndefined();
  });
});

describe('matchBorough: accepted names', () => {
  it.each([
    ['Hackney', 'Hackney'],
    ['HACKNEY', 'Hackney'],
    ['Barking and Dagenham', 'Barking and Dagenham'],
    ['barking-and-dagenham', 'Barking and Dagenham'],
    ['Kensington & Chelsea', 'Kensington and Chelsea'],
    ['RB Kensington and Chelsea', 'Kensington and Chelsea'],
    ['Royal Borough of Greenwich', 'Greenwich'],
    ['London Borough of Hackney', 'Hackney'],
    ['LB Hackney', 'Hackney'],
    ['Hackney Council', 'Hackney'],
    ['Richmond', 'Richmond upon Thames'],
    ['Kingston', 'Kingston upon Thames'],
    ['Kingston-upon-Thames', 'Kingston upon Thames'],
    ['City of Westminster', 'Westminster'],
    ['Westminster City Council', 'Westminster'],
    ['City', 'City of London'],
    ['City of London Corporation', 'City of London'],
    ['Hammersmith & Fulham', 'Hammersmith and Fulham'],
    ['E09000033', 'Westminster'],
    ['e09000001', 'City of London'],
    ['  Tower\u00A0Hamlets ', 'Tower Hamlets'],
  ])('matches %j to %s', (input, name) => {
    expect(nameOf(matchBorough(input))).toBe(name);
  });

  it('matches every name, short label, code and alias to its own borough', () => {
    for (const b of BOROUGHS) {
      for (const text of [b.name, b.short, b.gss, ...b.aliases]) {
        const r = matchBorough(text);
        expect(r.ok && r.value.gss, text).toBe(b.gss);
      }
    }
  });
});

describe('matchBorough: rejected names, each with a reason', () => {
  it('rejects an unknown name, naming it', () => {
    expect(reasonOf(matchBorough('Birmingham'))).toMatch(/"Birmingham" is not a London borough/);
  });

  it('rejects an empty name', () => {
    expect(reasonOf(matchBorough('  '))).toMatch(/empty/);
  });

  it('rejects a code outside the London range', () => {
    expect(reasonOf(matchBorough('E09000034'))).toMatch(/"E09000034" is not a London borough code/);
  });

  it('rejects an ambiguous name, saying which boroughs it could be', () => {
    const reason = reasonOf(matchBorough('Thames'));
    expect(reason).toMatch(/could be more than one borough/);
    expect(reason).toMatch(/Kingston upon Thames/);
    expect(reason).toMatch(/Richmond upon Thames/);
  });

  it('rejects a name that mentions two boroughs', () => {
    const reason = reasonOf(matchBorough('Richmond and Wandsworth'));
    expect(reason).toMatch(/Richmond upon Thames or Wandsworth/);
  });

  it('does not guess from part of a name, but suggests it', () => {
    expect(reasonOf(matchBorough('Hammersmith'))).toMatch(/did you mean Hammersmith and Fulham\?/);
  });

  it('rejects London-wide as not one borough', () => {
    expect(reasonOf(matchBorough('Pan-London'))).toMatch(/all of London/);
  });
});
