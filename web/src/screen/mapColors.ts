// The 大屏 map's colours, shared by its two drawings (the records' outline in ECharts, the base layer in Leaflet).

/** Score bands of the evaluation (测评得分率), best last. */
export const SCORE_BANDS = [
  { below: 60, color: '#ff4d4f', label: '60 分以下' },
  { below: 80, color: '#ff9f43', label: '60-80 分' },
  { below: 90, color: '#ffd166', label: '80-90 分' },
  { below: Number.POSITIVE_INFINITY, color: '#52c41a', label: '90 分及以上' },
];
export const NO_SCORE = '#6b7f95';
export const scoreColor = (s: number | null) => (s === null ? NO_SCORE : SCORE_BANDS.find((b) => s < b.below)!.color);

/** The heat ramp, few to many (share of the largest cell, 0..1). */
export const HEAT_RAMP = ['rgba(79,195,247,0.15)', '#ffd166', '#ff4d4f'];
export const heatColor = (share: number) => (share < 0.2 ? '#4fc3f7' : share < 0.6 ? HEAT_RAMP[1] : HEAT_RAMP[2]);
