/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional map tile URL template, e.g. a Tianditu or intranet tile server. */
  readonly VITE_TILE_URL?: string;
  /** Optional attribution shown with the tiles. */
  readonly VITE_TILE_ATTRIBUTION?: string;
  /** Optional default map centre "lat,lng" (WGS84). */
  readonly VITE_MAP_CENTER?: string;
}
