import { type Color, ScaleType } from '@swimlane/ngx-charts';

/**
 * The Okabe–Ito palette (Okabe & Ito, 2008): eight colours that stay distinguishable with the
 * common colour-vision deficiencies. Ordered for a white background, the pale yellow last.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;

/** The ordinal scheme of every categorical chart (lines, bars). */
export const CATEGORICAL_SCHEME: Color = {
  name: 'okabe-ito',
  selectable: false,
  group: ScaleType.Ordinal,
  domain: [...OKABE_ITO],
};

/**
 * A single-hue sequential scheme (light to dark blue) for the completeness heat map: it reads the
 * same for colour-blind readers and in greyscale, since only the lightness changes.
 */
export const SEQUENTIAL_SCHEME: Color = {
  name: 'blues',
  selectable: false,
  group: ScaleType.Linear,
  domain: ['#deebf7', '#9ecae1', '#4292c6', '#08519c', '#08306b'],
};
