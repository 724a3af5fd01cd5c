// The route-table fuzzer shared by the suite (tests/integration/fuzz.test.ts)
// and the bench (bench/sections/security.ts). For a route of the app's own
// table (server/platform/route-table.ts) it makes seeded requests: a
// plausible request built from the route's zod schemas (read through
// z.toJSONSchema) with one field, or the whole body, replaced by an attack:
// wrong types, NUL, lone UTF-16 surrogates, 1 MB strings, ids ≥ 2^31,
// impossible dates, deep nesting, malformed JSON and multipart. The run over
// the whole table and the verdict on each answer: fuzz-run.ts; the attacks
// themselves: fuzz-attacks.ts.
import fc from 'fast-check';
import { z } from 'zod';
import type { RouteEntry } from '../../server/platform/route-table.ts';
import { ATTACKS, BODY_ATTACKS, toJson, urlEncode } from './fuzz-attacks.ts';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was attacked, e.g. `body.name=nul` (for the failure message). */
  attack: string;
}

type Js = Record<string, any>;
type Part = 'params' | 'querystring' | 'body';

// ---- seeded choices ----

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

export function hash(s: string) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---- what a field should look like (from the route's zod schema) ----

const schemaCache = new WeakMap<object, Js | null>();
function jsonSchema(s: unknown): Js | null {
  if (!s || typeof s !== 'object') return null;
  if (schemaCache.has(s)) return schemaCache.get(s)!;
  let js: Js | null;
  try {
    js = z.toJSONSchema(s as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Js;
  } catch {
    js = {};
  }
  schemaCache.set(s, js);
  return js;
}

const nonNull = (js: Js): Js => {
  const alts = js.anyOf ?? js.oneOf;
  if (Array.isArray(alts)) return nonNull(alts.find((a: Js) => a.type !== 'null') ?? alts[0]);
  return js;
};

// Strings matching a schema's pattern, drawn once per pattern by fast-check (seeded).
const patternCache = new Map<string, string[]>();
function patternSamples(pattern: string): string[] {
  let xs = patternCache.get(pattern);
  if (!xs) {
    try {
      xs = fc.sample(fc.stringMatching(new RegExp(pattern)), { seed: hash(pattern), numRuns: 8 });
    } catch {
      xs = [];
    }
    patternCache.set(pattern, xs);
  }
  return xs;
}

const isIdPattern = (p?: string) => !!p && p.includes('[1-9]\\d{0,9}');
/** Existing rows are numbered from 1: small ids reach real records. */
const REAL_IDS = [1, 2, 3, 4, 5, 8, 13];

/** Values that exist in the database under test (set per fuzzRequests call). */
let known: readonly string[] = [];
/** How often a field takes a known value when one fits (always in the sweep). */
let knownShare = 0.8;

/** A value the schema would probably accept. */
function plausible(js: Js | undefined, r: Rng, depth = 0, optional = 0.5): unknown {
  if (!js || depth > 6) return undefined;
  js = nonNull(js);
  if ('const' in js) return js.const;
  if (Array.isArray(js.enum)) return r.pick(js.enum);
  const type = Array.isArray(js.type) ? js.type.find((t: string) => t !== 'null') : js.type;
  switch (type) {
    case 'string': {
      if (js.format === 'date') return `2026-0${1 + r.int(9)}-1${r.int(10)}`;
      if (js.format === 'month') return `2026-0${1 + r.int(9)}`;
      if (js.format === 'date-time') return new Date(Date.UTC(2026, r.int(12), 1 + r.int(28), r.int(24))).toISOString();
      if (js.format === 'uuid') return '3f1c2a9e-5b7d-4c1e-9a2b-1c2d3e4f5a6b';
      if (isIdPattern(js.pattern)) return String(r.pick(REAL_IDS));
      if (js.pattern) {
        const re = new RegExp(js.pattern);
        const real = known.filter((k) => re.test(k));
        if (real.length && r.next() < knownShare) return r.pick(real);
        const samples = patternSamples(js.pattern);
        if (samples.length) return r.pick(samples);
      }
      const n = Math.max(js.minLength ?? 0, 4);
      return '巷口乱堆放杂物'.repeat(2).slice(0, Math.min(n, js.maxLength ?? n));
    }
    case 'integer':
    case 'number': {
      if (js.maximum === 2147483647) return r.pick(REAL_IDS);
      const lo = js.minimum ?? (js.exclusiveMinimum !== undefined ? js.exclusiveMinimum + 1 : 0);
      const hi = js.maximum ?? lo + 10;
      return Math.min(hi, lo + r.int(Math.max(1, Math.min(10, hi - lo + 1))));
    }
    case 'boolean':
      return r.next() < 0.5;
    case 'array': {
      const n = Math.max(js.minItems ?? 0, r.int(2));
      return Array.from({ length: Math.min(n, js.maxItems ?? n) }, () => plausible(js.items ?? js.prefixItems?.[0], r, depth + 1, optional));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(js.required ?? []);
      for (const [k, v] of Object.entries<Js>(js.properties ?? {})) {
        if (required.has(k) || r.next() < optional) {
          const x = plausible(v, r, depth + 1, optional);
          if (x !== undefined) out[k] = x;
        }
      }
      return out;
    }
    default:
      return undefined;
  }
}

// ---- requests ----

/** A field to attack: its part and its path inside it ('[]' = the first item of an array). */
interface Field {
  part: Part;
  path: string[];
  js: Js | undefined;
}
interface Plan {
  field?: Field;
  attack: number;
  whole?: number;
  minimal?: boolean;
}

/** Every leaf of an object schema, down to `depth` levels (arrays of objects included). */
function leaves(js: Js | null | undefined, part: Part, prefix: string[] = [], depth = 0): Field[] {
  if (!js) return [];
  const o = nonNull(js);
  if (o.type === 'object' && o.properties && depth < 3) {
    return Object.entries<Js>(o.properties).flatMap(([k, v]) => {
      const inner = nonNull(v);
      const here: Field = { part, path: [...prefix, k], js: v };
      if (inner.type === 'object' && inner.properties) return [here, ...leaves(inner, part, [...prefix, k], depth + 1)];
      const item = inner.type === 'array' && inner.items ? nonNull(inner.items) : null;
      if (item?.type === 'object' && item.properties) return [here, ...leaves(item, part, [...prefix, k, '[]'], depth + 1)];
      return [here];
    });
  }
  return [];
}

const A = (name: string) => ATTACKS.findIndex(([n]) => n === name);
const TEXT_ATTACKS = [
  'bad-text',
  'bad-text',
  'nul',
  'lone-high',
  'lone-low',
  'swapped-surrogates',
  '1mb',
  '1mb-cjk',
  'number',
  'null',
  'object',
  'deep-array',
  'sql',
  'html',
].map(A);
const NUMBER_ATTACKS = ['int32+1', '2^53', '1e308', 'float', 'negative', 'zero', 'text', 'int32+1-text', 'null', 'true', 'array', 'deep-object'].map(A);
const DATE_ATTACKS = ['feb-30', 'month-13', 'zero-date', 'year-9999', 'year-10000', 'month-00', 'bad-text', '1mb', 'number'].map(A);
const ID_TEXT_ATTACKS = ['int32+1-text', 'digits-40', 'exponent', 'hex', 'padded', 'negative', 'zero', 'float', 'bad-text', '1mb'].map(A);

/** The attacks that suit a field (each still gets the occasional one of any kind). */
function attacksFor(js: Js | undefined): number[] {
  const o = js ? nonNull(js) : {};
  const type = Array.isArray(o.type) ? o.type.find((t: string) => t !== 'null') : o.type;
  if (type === 'string' && (o.format === 'date' || o.format === 'month' || o.format === 'date-time')) return DATE_ATTACKS;
  if (type === 'string' && isIdPattern(o.pattern)) return ID_TEXT_ATTACKS;
  if (type === 'string') return TEXT_ATTACKS;
  if (type === 'integer' || type === 'number') return NUMBER_ATTACKS;
  return ATTACKS.map((_, i) => i);
}

function setPath(target: Record<string, any>, path: string[], v: unknown) {
  let o: any = target;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (k === '[]') {
      if (!Array.isArray(o) || !o.length) return;
      o = o[0];
      continue;
    }
    const next = path[i + 1] === '[]' ? (Array.isArray(o[k]) && o[k].length ? o[k] : (o[k] = [{}])) : o[k] && typeof o[k] === 'object' ? o[k] : (o[k] = {});
    o = next;
  }
  const last = path[path.length - 1];
  if (last === '[]') {
    if (Array.isArray(o)) o[0] = v;
  } else if (o && typeof o === 'object') o[last] = v;
}

export interface FuzzOptions {
  /** Values that exist (region codes of the town under test): a string field whose pattern one of them matches gets it. */
  known?: readonly string[];
  /** Also, before the `count` random ones, one request per field with the attack most likely to get past a weak schema. */
  sweep?: boolean;
}

/** The sweep's attack for a field: what a forgotten edge type lets through to SQL. */
function sweepAttack(js: Js | undefined): number | null {
  const o = js ? nonNull(js) : {};
  const type = Array.isArray(o.type) ? o.type.find((t: string) => t !== 'null') : o.type;
  if (type === 'string' && (o.format === 'date' || o.format === 'month')) return A('year-9999');
  if (type === 'string' && isIdPattern(o.pattern)) return A('int32+1-text');
  if (type === 'string' && !o.enum && !o.pattern) return A('bad-text');
  if (type === 'integer' || type === 'number') return A('int32+1');
  return null;
}

/**
 * `count` seeded requests for a route. The plans: each leaf field of its
 * params, querystring and body with the attacks that suit it, plus any
 * attack now and then, plus whole-body attacks for methods with a body, plus
 * an unexpected query key; shuffled by the seed and taken field by field, so
 * a small count still touches every field and the whole body.
 */
export function fuzzRequests(route: RouteEntry, seed: number, count: number, opts: FuzzOptions = {}): FuzzRequest[] {
  const r = rng(seed ^ hash(`${route.method} ${route.url}`));
  known = opts.known ?? [];
  const schema = (route.schema ?? {}) as Partial<Record<Part, unknown>>;
  const js = { params: jsonSchema(schema.params), querystring: jsonSchema(schema.querystring), body: jsonSchema(schema.body) };
  const pathParams = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);

  const fields: Field[] = [
    ...pathParams.map((p): Field => ({ part: 'params', path: [p], js: nonNull(js.params ?? {}).properties?.[p] })),
    ...leaves(js.querystring, 'querystring').filter((f) => f.path.length === 1), // a query string is flat
    ...(hasBody ? leaves(js.body, 'body') : []),
  ];
  if (!fields.some((f) => f.part === 'querystring')) fields.push({ part: 'querystring', path: ['unexpected'], js: undefined });
  const queues: Plan[][] = fields.map((field) => {
    const suited = attacksFor(field.js);
    const q = Array.from({ length: 8 }, () => ({ field, attack: r.next() < 0.85 ? r.pick(suited) : r.int(ATTACKS.length) }));
    return q;
  });
  if (hasBody) queues.push(BODY_ATTACKS.map((_, i) => ({ attack: -1, whole: i })).sort(() => r.next() - 0.5));
  for (let i = queues.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [queues[i], queues[j]] = [queues[j], queues[i]];
  }
  const chosen: Plan[] = [];
  if (opts.sweep)
    for (const field of fields) {
      const attack = sweepAttack(field.js);
      if (attack !== null) chosen.push({ field, attack, minimal: true });
    }
  count += chosen.length;
  for (let round = 0; chosen.length < count && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && chosen.length < count) chosen.push(q[round]);
  }

  return chosen.map((plan) => {
    knownShare = plan.minimal ? 1 : 0.8;
    const params: Record<string, unknown> = {};
    for (const p of pathParams) params[p] = plausible(nonNull(js.params ?? {}).properties?.[p], r) ?? '1';
    const query = (plausible(js.querystring ?? undefined, r) ?? {}) as Record<string, unknown>;
    let body: unknown = hasBody ? (plausible(js.body ?? undefined, r, 0, plan.minimal ? 0 : 0.5) ?? {}) : undefined;
    knownShare = 0.8;
    const headers: Record<string, string> = {};
    let payload: string | Buffer | undefined;
    let attack: string;
    if (plan.whole !== undefined) {
      const [name, type, make] = BODY_ATTACKS[plan.whole];
      attack = `body=${name}`;
      headers['content-type'] = type;
      payload = make();
    } else {
      const f = plan.field!;
      const [name, make] = ATTACKS[plan.attack];
      attack = `${f.part}.${f.path.join('.')}=${name}`;
      const v = make();
      if (f.part === 'params') params[f.path[0]] = v;
      else if (f.part === 'querystring') query[f.path[0]] = v;
      else {
        if (!body || typeof body !== 'object' || Array.isArray(body)) body = {};
        setPath(body as Record<string, unknown>, f.path, v);
      }
    }
    if (payload === undefined && body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = toJson(body);
    }
    const path = route.url.replace(/:(\w+)/g, (_m, p: string) => urlEncode(params[p]));
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${urlEncode(v)}`)
      .join('&');
    return { method: route.method, url: qs ? `${path}?${qs}` : path, headers, payload, attack };
  });
}
