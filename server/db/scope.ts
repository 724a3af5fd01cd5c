// Turn a region scope (domain/permissions.ts regionScope) into SQL. Every
// repository query of tenant data goes through this; callers never build
// their own WHERE for scoping.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';

export type RegionScope = 'all' | string[];

export function inScope(column: AnyColumn | SQL, scope: RegionScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  const parts = scope.map((p) => sql`${column} LIKE ${p + '%'}`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export function codeInScope(code: string, scope: RegionScope): boolean {
  return scope === 'all' || scope.some((p) => code.startsWith(p));
}
