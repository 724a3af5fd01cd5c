// The map's state colours stay apart for a deuteranope: every pair at least
// ΔE2000 15 after the Machado 2009 deuteranopia simulation (severity 1.0).
import { describe, expect, it } from 'vitest';
import { deltaE2000, deuteranopeDeltaE, hexToRgb, linearRgb, linearToLab, simulateDeuteranopia } from '../../domain/colour-vision.ts';
import { STATE_COLOURS, STATE_MIN_DELTA_E } from '../../domain/map-palette.ts';
import { PROBLEM_STATES } from '../../domain/problems/vocab.ts';

describe('colour arithmetic', () => {
  it('computes CIEDE2000 as Sharma, Wu & Dalal (2005) tabulate it', () => {
    // Pairs 1, 7, 17 and 25 of their test data.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('simulates deuteranopia: red and green collapse, grey stays grey', () => {
    const lab = (h: string) => linearToLab(simulateDeuteranopia(linearRgb(hexToRgb(h))));
    expect(deltaE2000(lab('#808080'), linearToLab(linearRgb(hexToRgb('#808080'))))).toBeLessThan(1);
    // A red/green pair obvious to most people is far closer for a deuteranope.
    expect(deuteranopeDeltaE('#d46b08', '#52c41a')).toBeLessThan(
      deltaE2000(linearToLab(linearRgb(hexToRgb('#d46b08'))), linearToLab(linearRgb(hexToRgb('#52c41a')))) / 2,
    );
  });
});

describe('map state palette', () => {
  it('has a colour for every state', () => {
    expect(Object.keys(STATE_COLOURS).sort()).toEqual([...PROBLEM_STATES].sort());
  });

  it(`keeps every two states at least ΔE2000 ${STATE_MIN_DELTA_E} apart under deuteranopia`, () => {
    const close: string[] = [];
    for (let i = 0; i < PROBLEM_STATES.length; i++) {
      for (let j = i + 1; j < PROBLEM_STATES.length; j++) {
        const [a, b] = [PROBLEM_STATES[i], PROBLEM_STATES[j]];
        const d = deuteranopeDeltaE(STATE_COLOURS[a], STATE_COLOURS[b]);
        if (d < STATE_MIN_DELTA_E) close.push(`${a}/${b}: ${d.toFixed(1)}`);
      }
    }
    expect(close).toEqual([]);
  });
});
