/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional default map centre "lat,lng" (WGS84). */
  readonly VITE_MAP_CENTER?: string;
}
