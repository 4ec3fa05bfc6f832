/** The part of the metropolitan map on screen: a rectangle of the base map's coordinates. */
export interface MapView {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The whole of metropolitan France (the base map's viewBox « 15 -1 598 586 »). */
export const WHOLE_MAP: MapView = { x: 15, y: -1, width: 598, height: 586 };
export const ZOOM_LEVELS = [1, 2, 4, 8] as const;
export type ZoomLevel = (typeof ZOOM_LEVELS)[number];

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** The view at `zoom` centred as near `centre` as the map allows (it never shows beyond the base map). */
export function viewAt(zoom: number, centre: { x: number; y: number }, whole: MapView = WHOLE_MAP): MapView {
  const width = whole.width / zoom;
  const height = whole.height / zoom;
  return {
    x: clamp(centre.x - width / 2, whole.x, whole.x + whole.width - width),
    y: clamp(centre.y - height / 2, whole.y, whole.y + whole.height - height),
    width,
    height,
  };
}

export const centreOf = (view: MapView) => ({ x: view.x + view.width / 2, y: view.y + view.height / 2 });

/** The next level in or out (stays at the ends). */
export function nextZoom(zoom: ZoomLevel, direction: 1 | -1): ZoomLevel {
  const i = ZOOM_LEVELS.indexOf(zoom) + direction;
  return ZOOM_LEVELS[clamp(i, 0, ZOOM_LEVELS.length - 1)];
}

export const viewBoxOf = (view: MapView) => `${round(view.x)} ${round(view.y)} ${round(view.width)} ${round(view.height)}`;
const round = (n: number) => Math.round(n * 100) / 100;
