// Raw SQL through drizzle returns timestamptz as PostgreSQL text
// ("2026-11-24 23:43:29.729+00"); the API always answers ISO 8601.
// A value that cannot be null (a NOT NULL column) gives a string.
export function iso(v: Date | string): string;
export function iso(v: unknown): string | null;
export function iso(v: unknown): string | null {
  if (v == null) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}
