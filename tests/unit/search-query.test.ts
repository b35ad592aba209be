import { describe, expect, it } from 'vitest';
import { MATCH_END, MATCH_START, segmentsOf, toMatchQuery } from '../../shared/search.ts';

describe('what a person types, as an FTS5 query', () => {
  it('needs every word, the last as a prefix', () => {
    expect(toMatchQuery('croydon you')).toBe('"croydon" "you"*');
  });

  it('treats FTS5 operators and punctuation as ordinary text, never as syntax', () => {
    expect(toMatchQuery('"knife" AND (crime*')).toBe('"knife" "crime"*');
    expect(toMatchQuery('St Giles - NEAR')).toBe('"St" "Giles"*');
    expect(toMatchQuery('   ')).toBeNull();
    expect(toMatchQuery('***')).toBeNull();
  });

  it('splits marked text into plain and matched parts, never HTML', () => {
    expect(segmentsOf(`Site visit to ${MATCH_START}Croydon${MATCH_END} <b>hub</b>`)).toEqual([
      { text: 'Site visit to ', match: false },
      { text: 'Croydon', match: true },
      { text: ' <b>hub</b>', match: false },
    ]);
  });
});
