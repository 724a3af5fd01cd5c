// The one way text reaches a Leaflet map. Leaflet inserts a *string* given to
// bindTooltip / bindPopup / setContent / divIcon({html}) as HTML, so a place
// named `<img src=x onerror=…>` would run as script. Every label, tooltip and
// popup on our maps is built here as a DOM element whose text is set with
// textContent and handed to Leaflet as an HTMLElement; no string with user
// text is ever passed to those calls (tests/unit/map-safe.test.ts checks the
// sources, tests/e2e/xss.spec.ts the pages).
import L from 'leaflet';

export interface MapTextOptions {
  className?: string;
  /** Inline style set through the CSSOM (not an HTML attribute string). */
  style?: Partial<Record<'width' | 'height' | 'background', string>>;
  testId?: string;
}

/** A <span> (or <div> with `block`) showing `text` as text. */
export function mapText(text: string, opts: MapTextOptions & { block?: boolean } = {}): HTMLElement {
  const el = document.createElement(opts.block ? 'div' : 'span');
  el.textContent = text;
  if (opts.className) el.className = opts.className;
  if (opts.testId) el.dataset.testid = opts.testId;
  for (const [k, v] of Object.entries(opts.style ?? {})) if (v !== undefined) el.style.setProperty(k, v);
  return el;
}

/** A divIcon whose content is `text` as text (a label or a badge on the map). */
export function textIcon(text: string, icon: Omit<L.DivIconOptions, 'html'>, opts: MapTextOptions = {}): L.DivIcon {
  return L.divIcon({ ...icon, html: mapText(text, { ...opts, block: true }) });
}
