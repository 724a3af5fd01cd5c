import { describe, expect, it } from 'vitest';
import { BoundaryError, bboxNear, convexHull, parseBoundary } from '../../domain/geo.ts';

const square = [
  [116.35, 25.83],
  [116.37, 25.83],
  [116.37, 25.85],
  [116.35, 25.85],
  [116.35, 25.83],
];

describe('convexHull', () => {
  it('keeps the outer points and drops the inner and duplicate ones', () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [1, 0],
      [2, 2],
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual([1, 1]);
    expect(hull).not.toContainEqual([1, 0]);
  });
  it('returns one or two points as they are', () => {
    expect(
      convexHull([
        [1, 1],
        [1, 1],
      ]),
    ).toEqual([[1, 1]]);
    expect(
      convexHull([
        [1, 1],
        [2, 2],
      ]),
    ).toHaveLength(2);
  });
});

describe('parseBoundary', () => {
  const reason = (text: string) => {
    try {
      parseBoundary(text);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(BoundaryError);
      return (e as Error).message;
    }
  };
  it('reads a Polygon, a Feature and a FeatureCollection as one MultiPolygon with its box', () => {
    const poly = { type: 'Polygon', coordinates: [square] };
    expect(parseBoundary(JSON.stringify(poly)).bbox).toEqual([116.35, 25.83, 116.37, 25.85]);
    expect(parseBoundary(JSON.stringify({ type: 'Feature', properties: {}, geometry: poly })).geometry.coordinates).toHaveLength(1);
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: poly },
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[square], [square]] } },
      ],
    };
    expect(parseBoundary(JSON.stringify(fc)).geometry.coordinates).toHaveLength(3);
  });
  it('refuses what is not a closed polygon in WGS84, with the reason', () => {
    expect(reason('{not json')).toMatch(/JSON 格式错误/);
    expect(reason(JSON.stringify({ type: 'Point', coordinates: [116, 25] }))).toMatch(/Point.*只能是面/);
    expect(
      reason(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] } },
            {
              type: 'Feature',
              geometry: {
                type: 'LineString',
                coordinates: [
                  [1, 2],
                  [3, 4],
                ],
              },
            },
          ],
        }),
      ),
    ).toMatch(/第 2 个要素/);
    expect(
      reason(
        JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [116, 25],
              [117, 25],
              [117, 26],
              [116.5, 25.5],
            ],
          ],
        }),
      ),
    ).toMatch(/闭合/);
    expect(
      reason(
        JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [500000, 2800000],
              [500100, 2800000],
              [500100, 2800100],
              [500000, 2800000],
            ],
          ],
        }),
      ),
    ).toMatch(/超出经纬度范围/);
    expect(
      reason(
        JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [110, 20],
              [118, 20],
              [118, 28],
              [110, 20],
            ],
          ],
        }),
      ),
    ).toMatch(/范围过大/);
  });
  it('tells near from far', () => {
    expect(bboxNear([116.35, 25.83, 116.37, 25.85], [116.36, 25.84, 116.5, 25.9], 0.1)).toBe(true);
    expect(bboxNear([116.35, 25.83, 116.37, 25.85], [118, 24, 118.1, 24.1], 0.1)).toBe(false);
  });
});
