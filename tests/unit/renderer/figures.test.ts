import { describe, expect, it } from 'vitest';
import type { Figure } from '../../../shared/schemas.ts';
import { budgetView, changePhrase, splitView, subjectOf } from '../../../renderer/src/lib/figures.ts';

function figure(partial: Partial<Figure> & Pick<Figure, 'id' | 'series' | 'label' | 'amountPence'>): Figure {
  return { approximate: false, fyStart: null, fyEnd: null, note: null, sourceId: 'tor', sourceLocator: null, fundCode: null, fundName: null, ...partial };
}

const history: Figure[] = [
  figure({ id: 'a', series: 'commissioning-budget', label: 'MOPAC commissioning budget 2012-13', amountPence: 2_360_000_000, fyStart: 2012, fyEnd: 2012 }),
  figure({ id: 'b', series: 'commissioning-budget', label: 'MOPAC commissioning budget 2019-20', amountPence: 5_360_000_000, fyStart: 2019, fyEnd: 2019 }),
  figure({ id: 'c', series: 'commissioning-budget', label: 'MOPAC commissioning budget 2022-23', amountPence: 7_000_000_000, approximate: true, fyStart: 2022, fyEnd: 2022 }),
  figure({ id: 'd', series: 'commissioning-budget-with-dasa', label: 'MOPAC commissioning budget 2022-23 with DASA', amountPence: 9_000_000_000, approximate: true, fyStart: 2022, fyEnd: 2022 }),
];

describe('changePhrase', () => {
  it('names multiples, hedged when not exact', () => {
    expect(changePhrase(2_360, 7_000)).toBe('nearly tripled');
    expect(changePhrase(100, 300)).toBe('tripled');
    expect(changePhrase(100, 320)).toBe('more than tripled');
    expect(changePhrase(100, 250)).toBe('more than doubled');
    expect(changePhrase(100, 190)).toBe('nearly doubled');
    expect(changePhrase(100, 1_000)).toBe('rose about 10-fold');
  });
  it('gives smaller changes as a percentage', () => {
    expect(changePhrase(100, 127)).toBe('rose by 27%');
    expect(changePhrase(100, 102)).toBe('stayed about the same');
    expect(changePhrase(100, 80)).toBe('fell by 20%');
  });
});

describe('budgetView', () => {
  const view = budgetView(history)!;
  it('titles the chart with the finding computed from the figures', () => {
    expect(view.title).toBe('MOPAC commissioning budget nearly tripled from 2012-13 to 2022-23');
    expect(view.subtitle).toBe('£23.6m in 2012-13, £53.6m in 2019-20 and about £70m in 2022-23 (about £90m with DASA)');
  });
  it('follows the figures, not a fixed text', () => {
    const halved = budgetView([history[0]!, { ...history[1]!, amountPence: 1_180_000_000 }])!;
    expect(halved.title).toBe('MOPAC commissioning budget fell by 50% from 2012-13 to 2019-20');
  });
  it('keeps the DASA figure apart, named by how it differs', () => {
    expect(view.main.points.map((p) => p.short)).toEqual(['£23.6m', '£53.6m', 'about £70m']);
    expect(view.others).toHaveLength(1);
    expect(view.others[0]!.difference).toBe('with DASA');
    expect(view.rows.map((r) => [r.year, r.difference, r.short, r.exact])).toEqual([
      ['2012-13', null, '£23.6m', '£23,600,000'],
      ['2019-20', null, '£53.6m', '£53,600,000'],
      ['2022-23', null, 'about £70m', '£70,000,000'],
      ['2022-23', 'with DASA', 'about £90m', '£90,000,000'],
    ]);
  });
  it('has nothing to show without dated figures', () => {
    expect(budgetView([])).toBeNull();
  });
  it('takes the year out of a label', () => {
    expect(subjectOf(history[3]!)).toBe('MOPAC commissioning budget with DASA');
  });
});

describe('splitView', () => {
  const parts = [
    figure({ id: 'x', series: 'lcpf', label: 'Direct funding to boroughs', amountPence: 3_931_555_500, fyStart: 2022, fyEnd: 2024 }),
    figure({ id: 'y', series: 'lcpf', label: 'Funding for boroughs earmarked for the VRU', amountPence: 480_000_000, fyStart: 2022, fyEnd: 2024 }),
    figure({ id: 'z', series: 'lcpf', label: 'Co-commissioning fund', amountPence: 988_444_500, fyStart: 2022, fyEnd: 2024 }),
  ];
  it('gives each part its share of the exact total', () => {
    const view = splitView(parts, 'the {total} fund')!;
    expect(view.total).toBe('£54,000,000');
    expect(view.parts.map((p) => p.share)).toEqual(['72.8%', '8.9%', '18.3%']);
    expect(view.years).toBe('2022-23 to 2024-25');
    expect(view.title).toBe('Direct funding to boroughs takes 72.8% of the £54m fund');
  });
  it('has nothing to show for no parts or a zero total', () => {
    expect(splitView([])).toBeNull();
    expect(splitView([{ ...parts[0]!, amountPence: 0 }])).toBeNull();
  });
});
