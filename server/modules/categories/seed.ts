// Seed the category tree at start-up. Idempotent: inserts what is missing by
// (kind, code) and never overwrites a row, so an admin's renames, deadline
// changes and deactivations survive every restart. No audit rows: this is
// shipped reference data, like a migration, not somebody's change.
import type { Db } from '../../db/pool.ts';
import * as repo from './categories.repository.ts';
import { SEED_CATEGORIES } from './seed-data.ts';

export async function seedCategories(db: Db): Promise<{ inserted: number }> {
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (const kind of ['event', 'component'] as const) {
      const majors = SEED_CATEGORIES.filter((m) => m.kind === kind);
      inserted += await repo.insertMissing(
        tx,
        majors.map((m, i) => ({ kind, code: m.code, name: m.name, level: 1, parentId: null, sort: i + 1 })),
      );
      const ids = await repo.idsByKindCode(tx, kind);
      // A class removed by hand (not through the API, which only deactivates seeded rows) takes its subclasses with it.
      const subs = majors
        .filter((m) => ids.has(m.code))
        .flatMap((m) =>
          m.children.map((c, i) => ({
            kind,
            code: c.code,
            name: c.name,
            plainName: c.plainName,
            level: 2,
            parentId: ids.get(m.code)!,
            sort: i + 1,
            defaultTier: c.defaultTier,
            deadlineDays: c.deadlineDays,
            centralizedDeadlineDays: c.centralizedDeadlineDays,
            reinspectDays: c.reinspectDays,
            defaultRoute: c.defaultRoute,
            defaultUnitName: c.defaultUnitName,
          })),
        );
      inserted += await repo.insertMissing(tx, subs);
    }
    return { inserted };
  });
}
