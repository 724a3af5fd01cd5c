// The field pillar's data as of a day, in memory: the mock evaluations'
// latest result per place within [from, to] (the latest date, then the latest
// id), summed per community and point type as a whole and per checklist item.
// The forecast reads the evaluations of its whole span once
// (forecast.repository.ts fieldHistory) and works out each dated point of its
// trend from them here.
import type { FieldHistory, ItemRow, PlaceRow } from './forecast.repository.ts';

export interface Field {
  places: PlaceRow[];
  items: ItemRow[];
}

/** Each place's latest evaluation in [from, to] (a day's window of the last twelve months), summed. */
export function fieldAt(h: FieldHistory, from: string, to: string): Field {
  const latest = new Map<number, FieldHistory['evaluations'][number]>();
  // Oldest first per place: the last one in the window is the latest.
  for (const e of h.evaluations) if (e.onDate >= from && e.onDate <= to) latest.set(e.placeId, e);
  const places = new Map<string, PlaceRow>();
  for (const p of h.places) {
    const key = `${p.community}|${p.pointType}`;
    let row = places.get(key);
    if (!row) places.set(key, (row = { community: p.community, pointType: p.pointType, places: 0, evaluated: 0, score: 0, max: 0 }));
    row.places++;
    const l = latest.get(p.id);
    if (!l) continue;
    row.evaluated++;
    row.score += l.score ?? 0;
    row.max += l.max ?? 0;
  }
  const items = new Map<string, ItemRow>();
  for (const l of latest.values()) {
    for (const g of l.grades) {
      const key = `${l.community}|${l.pointType}|${g.item}`;
      let row = items.get(key);
      if (!row) items.set(key, (row = { community: l.community, pointType: l.pointType, item: g.item, score: 0, points: 0 }));
      row.score += g.score;
      row.points += g.points;
    }
  }
  return { places: [...places.values()], items: [...items.values()] };
}
