// The hosts the map's base layer loads tiles from, for the CSP's img-src and
// connect-src. One holder, read synchronously on every response
// (mapTiles.hosts()) and recomputed from its source only on refresh(): the
// source reads the admin's base-layer setting (server/modules/map), which
// refreshes at start and after every save, so the CSP follows the setting
// without a restart. No source (or a local .pmtiles file): no extra host.

/** A tile URL → the CSP sources it needs ([] for none or a same-origin URL). */
export function tileHostSources(tileUrl: string | null | undefined): string[] {
  if (!tileUrl) return [];
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl.trim());
  if (!m) return []; // relative: served by this origin, 'self' covers it
  const scheme = m[1].toLowerCase();
  let authority = m[2].toLowerCase().replace(/^[^@]*@/, '');
  // A Leaflet placeholder in the host ({s}.tile.example.org, t{s}.tianditu.gov.cn)
  // stands for any subdomain: the CSP wildcard replaces its label and those left of it.
  const labels = authority.split('.');
  const last = labels.findLastIndex((l) => l.includes('{'));
  if (last >= 0) authority = ['*', ...labels.slice(last + 1)].join('.');
  // Only a plain host[:port] may reach the header (no quotes, spaces, ; or ,).
  if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(authority)) return [];
  if (last >= 0 && labels.length - last - 1 < 2) return []; // *.com would allow every site
  return [`${scheme}://${authority}`];
}

export type TileUrlSource = () => string[] | Promise<string[]>;

export class MapTileHosts {
  #hosts: readonly string[] = [];
  #read = false;
  constructor(private source: TileUrlSource = () => []) {}

  /** Where the tile URLs come from (the map module sets it when it registers). */
  use(source: TileUrlSource) {
    this.source = source;
  }

  /** The cached sources (synchronous: the CSP is built on every response). */
  hosts(): readonly string[] {
    return this.#hosts;
  }

  /** Has a refresh succeeded yet (false while the setting could not be read)? */
  get read(): boolean {
    return this.#read;
  }

  /** Re-read the tile setting; call after it changes. */
  async refresh(): Promise<readonly string[]> {
    this.#hosts = [...new Set((await this.source()).flatMap((u) => tileHostSources(u)))];
    this.#read = true;
    return this.#hosts;
  }
}
