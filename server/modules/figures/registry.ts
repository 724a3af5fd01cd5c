// The figure registry (issue 16): one function, `figures(region, period, ids?)`,
// which the year-end report, the dashboard and the figures API read. Each
// register serves its figures through a provider it registers from its own
// module's index.ts (`registerFigures`): a function over (region, period) that
// computes its figures with its own repository, and the drill-down URL of each
// (the desk list page with the filters that give exactly the counted records).
//
// A figure of the catalogue (domain/figures.ts) that no provider serves is
// answered with value null and no drill-down: missing, never invented. A
// provider that serves a figure answers a number for it, 0 when nothing matched.
import type { Db } from '../../db/pool.ts';
import { readAll } from '../../db/reads.ts';
import { FIGURES, figureDef, type FigureDef, type FigureId, type FigurePeriod } from '../../../domain/figures.ts';

/** What a provider counts over: a region code prefix (county 6, town 9, community 12 digits) and inclusive dates. */
export interface FigureQuery extends FigurePeriod {
  region: string;
}

export interface FigureProvider {
  /** The figures it serves: ids of domain/figures.ts. */
  ids: readonly FigureId[];
  /**
   * Every one of `ids` it is asked for (a subset of its ids), as a number; a missing key reads 0. null only for a
   * rate with nothing to divide by (a 结案率 with no problem due), which reads as missing too.
   */
  compute(db: Db, q: FigureQuery, ids: readonly FigureId[]): Promise<Partial<Record<FigureId, number | null>>>;
  /** The desk page listing exactly the records counted for `id`. */
  drillUrl(id: FigureId, q: FigureQuery): string;
}

export interface FigureValue extends FigureDef {
  /** null: no register provides it yet (or a rate with nothing to divide by). */
  value: number | null;
  drillUrl: string | null;
}

const byId = new Map<FigureId, FigureProvider>();

/** Register a provider (from its module's index.ts, once). A figure served twice is a programming error. */
export function registerFigures(p: FigureProvider): void {
  for (const id of p.ids) {
    if (!figureDef(id)) throw new Error(`figure ${id} is not in domain/figures.ts`);
    const had = byId.get(id);
    if (had && had !== p) throw new Error(`figure ${id} already has a provider`);
  }
  for (const id of p.ids) byId.set(id, p);
}

/** Is a provider registered for `id`? (the catalogue's placeholders answer false) */
export const isProvided = (id: FigureId) => byId.has(id);

/**
 * The figures `ids` (all of the catalogue when omitted), in catalogue order, for
 * `region` over `period`. The caller has checked that it may read `region`.
 * Providers run side by side on the pool (in turn inside a transaction: readAll), each once with the ids asked of it.
 */
export async function figures(db: Db, region: string, period: FigurePeriod, ids?: readonly FigureId[]): Promise<FigureValue[]> {
  const wanted = new Set<FigureId>(ids ?? FIGURES.map((f) => f.id));
  const q: FigureQuery = { region, from: period.from, to: period.to };
  const asks = new Map<FigureProvider, FigureId[]>();
  for (const id of wanted) {
    const p = byId.get(id);
    if (p) asks.set(p, [...(asks.get(p) ?? []), id]);
  }
  const values = new Map<FigureId, number | null>();
  const answers = await readAll(
    db,
    [...asks].map(
      ([p, pids]) =>
        () =>
          p.compute(db, q, pids),
    ),
  );
  [...asks].forEach(([, pids], i) => {
    for (const id of pids) {
      const v = answers[i][id];
      values.set(id, v === null ? null : Number(v ?? 0));
    }
  });
  return FIGURES.filter((f) => wanted.has(f.id)).map((f) => {
    const p = byId.get(f.id);
    return { ...f, value: p ? values.get(f.id)! : null, drillUrl: p ? p.drillUrl(f.id, q) : null };
  });
}

/** Query string of a drill-down URL, for providers: `drillQuery({ kind: 'weekly' }, q)` → `?kind=weekly&region=…&from=…&to=…`. */
export function drillQuery(filters: Record<string, string>, q: FigureQuery): string {
  return `?${new URLSearchParams({ ...filters, region: q.region, from: q.from, to: q.to })}`;
}
