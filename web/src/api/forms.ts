// Put the server's field errors on the matching Form.Item. Paths arrive as
// "body.roles.0.scopeRegionCode"; the form knows ["roles", 0, "scopeRegionCode"].
import type { FormInstance } from 'antd';
import { ApiError } from './client.ts';

function toNamePath(path: string): (string | number)[] {
  return path
    .replace(/^(body|querystring|params)\./, '')
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Marks the fields the form knows and returns the messages it could not place,
 * so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.fields.length) return [];
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  const keys = [...known].map((k) => JSON.parse(k) as (string | number)[]);
  const startsWith = (k: (string | number)[], prefix: (string | number)[]) => prefix.every((p, i) => k[i] === p);
  for (const f of err.fields) {
    // Exact field, else the first field under it ("roles.0"), else the nearest parent.
    let name: (string | number)[] | undefined;
    for (let n = toNamePath(f.path); n.length && !name; n = n.slice(0, -1)) {
      name = keys.find((k) => k.length === n.length && startsWith(k, n)) ?? keys.find((k) => startsWith(k, n));
    }
    if (name) placed.push({ name, errors: [f.message] });
    else rest.push(f.message);
  }
  if (placed.length) form.setFields(placed);
  return rest;
}
