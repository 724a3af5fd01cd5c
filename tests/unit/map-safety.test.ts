// User text on the map is text (every web source, so a new page is covered the
// day it is written), and the tile URL → CSP source rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tileHostSources } from '../../server/platform/map-tiles.ts';

const WEB = path.resolve(import.meta.dirname, '../../web/src');
const SAFE = path.join(WEB, 'components/map/safe.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(tsx?|js)$/.test(e.name) ? [p] : [];
  });
}

describe('web sources', () => {
  const files = sources(WEB).filter((f) => f !== SAFE);
  // Leaflet calls that parse a string as HTML: their content must come from mapText()/textIcon().
  const LEAFLET = /\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*(?!mapText\()/g;
  // Nothing else in the web may write HTML from a string.
  const RAW_HTML = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write|createContextualFragment|divIcon)\b|\bhtml\s*:/g;

  it('are found (the scan reads the pages)', () => {
    expect(files.some((f) => f.endsWith('MapPage.tsx'))).toBe(true);
  });

  it('give Leaflet tooltips, popups and icons only DOM nodes built by components/map/safe.ts', () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of [...text.matchAll(LEAFLET), ...text.matchAll(RAW_HTML)]) {
        const line = text.slice(0, m.index).split('\n').length;
        bad.push(`${path.relative(WEB, f)}:${line}: ${m[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('tileHostSources', () => {
  it('takes the scheme and host of an XYZ URL, a placeholder label becoming a wildcard', () => {
    expect(tileHostSources('https://tile.example.org/{z}/{x}/{y}.png')).toEqual(['https://tile.example.org']);
    expect(tileHostSources('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual(['https://*.tile.openstreetmap.org']);
    expect(tileHostSources('http://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=k')).toEqual(['http://*.tianditu.gov.cn']);
    expect(tileHostSources('https://Tiles.Example.org:8443/a/{z}/{x}/{y}')).toEqual(['https://tiles.example.org:8443']);
  });

  it('gives nothing for no URL, a same-origin path, or anything that is not a plain host', () => {
    for (const u of [
      null,
      undefined,
      '',
      '/tiles/{z}/{x}/{y}.png',
      'ftp://x.org/{z}',
      'https://{s}.com/{z}',
      "https://a.org;script-src 'unsafe-inline'/x",
      'https://a b.org/x',
      'javascript:alert(1)',
    ]) {
      expect(tileHostSources(u), String(u)).toEqual([]);
    }
  });
});
