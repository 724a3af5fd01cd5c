// The map's colours, in one place: problem states, overdue/on time, and the
// drawn-from-records layer (places, community hulls, imported boundaries).
// The state colours were chosen to stay apart for a deuteranope:
// tests/unit/map-palette.test.ts simulates deuteranopia (Machado et al. 2009,
// severity 1.0) and requires CIEDE2000 ≥ 15 between every two states; they
// also differ in lightness, so greyscale print keeps them apart.
import type { ProblemState } from './problems/vocab.ts';

/** Minimum ΔE2000 between any two state colours under the deuteranopia simulation. */
export const STATE_MIN_DELTA_E = 15;

export const STATE_COLOURS: Record<ProblemState, string> = {
  reported: '#900600', // dark red: nobody has looked yet
  filed: '#ff4600', // orange
  dispatched: '#ffe816', // yellow
  rectifying: '#1524c9', // deep blue
  rectified: '#768af6', // light blue: waiting for verification
  closed: '#488f6e', // green
  rejected: '#cccccc', // light grey
  merged: '#323232', // dark grey
};

export const OVERDUE_COLOUR = '#900600';
export const ON_TIME_COLOUR = '#488f6e';

/** The records layer drawn when there are no tiles. */
export const RECORDS_COLOURS = {
  background: '#f4f1ea',
  place: '#595959',
  placeFill: '#ffffff',
  hull: '#8c6d3f',
  hullFill: '#e8dcc4',
  boundary: '#7a4a1f',
  townBoundary: '#5b2a86',
} as const;
