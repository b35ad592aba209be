// One colour-blind-safe palette for every chart in the app: Okabe and Ito's.
// Each colour comes with the text colour that reads on it at 4.5:1 or better.
export const OKABE_ITO = {
  blue: { fill: '#0072B2', text: '#ffffff' },
  orange: { fill: '#E69F00', text: '#000000' },
  bluishGreen: { fill: '#009E73', text: '#000000' },
  skyBlue: { fill: '#56B4E9', text: '#000000' },
  vermillion: { fill: '#D55E00', text: '#000000' },
  reddishPurple: { fill: '#CC79A7', text: '#000000' },
  yellow: { fill: '#F0E442', text: '#000000' },
  black: { fill: '#000000', text: '#ffffff' },
} as const;

/** The order series take their colours in. */
export const SERIES_ORDER = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
] as const;

export function seriesColour(index: number): { fill: string; text: string } {
  return SERIES_ORDER[index % SERIES_ORDER.length]!;
}

export const CHART_TEXT = '#1f2328';
export const CHART_MUTED = '#57606a';
export const CHART_GRID = '#e4e7eb';
