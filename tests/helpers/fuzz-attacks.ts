// The fuzzer's attacks (fuzz.ts puts them in requests): the values a field
// gets in place of its plausible one, the whole bodies that replace a body,
// and how a value is written into JSON and into a URL.
const MB = 1 << 20;
/** JSON text spliced in as is (nesting too deep for JSON.stringify to write). */
class RawJson {
  constructor(readonly text: string) {}
}
const deepArray = (n: number) => new RawJson('['.repeat(n) + ']'.repeat(n));
const deepObject = (n: number) => new RawJson('{"a":'.repeat(n) + '1' + '}'.repeat(n));
const RAW_MARK = '\u0001raw\u0001';
export function toJson(v: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(v, (_k, x) => {
    if (!(x instanceof RawJson)) return x;
    raws.push(x.text);
    return RAW_MARK;
  });
  let i = 0;
  return raws.length ? text.replaceAll(JSON.stringify(RAW_MARK), () => raws[i++]) : text;
}

/** One value per attack; a field gets one of them in place of its plausible value. */
export const ATTACKS: readonly [string, () => unknown][] = [
  ['number', () => 12345],
  ['float', () => 1.5],
  ['negative', () => -1],
  ['zero', () => 0],
  ['true', () => true],
  ['null', () => null],
  ['object', () => ({ a: 1 })],
  ['array', () => [1, 'a']],
  ['text', () => 'abc'],
  ['empty', () => ''],
  ['nul', () => 'a\u0000b'],
  ['nul-only', () => '\u0000'],
  ['lone-high', () => '巷\uD800口'],
  ['lone-low', () => '\uDC00'],
  ['swapped-surrogates', () => '\uDC00\uD800'],
  ['1mb', () => 'x'.repeat(MB)],
  ['1mb-cjk', () => '测'.repeat(MB / 2)],
  ['int32+1', () => 2147483648],
  ['int32+1-text', () => '2147483648'],
  ['2^53', () => 2 ** 53],
  ['1e308', () => 1e308],
  ['digits-40', () => '9'.repeat(40)],
  ['exponent', () => '1e3'],
  ['hex', () => '0x10'],
  ['padded', () => ' 1 '],
  ['feb-30', () => '2026-02-30'],
  ['month-13', () => '2026-13-45'],
  ['zero-date', () => '0000-00-00'],
  ['year-9999', () => '9999-12-31'],
  ['year-10000', () => '+010000-01-01T00:00:00Z'],
  ['month-00', () => '2026-00'],
  ['deep-array', () => deepArray(5000)],
  ['deep-object', () => deepObject(5000)],
  ['proto', () => JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')],
  ['bad-text', () => '巷口\u0000乱堆\uD800放'],
  ['sql', () => "'; DROP TABLE problems; --"],
  ['like', () => '%_\\'],
  ['html', () => '<img src=x onerror=alert(1)>'],
];

const LONE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;
const wtf8 = (c: number) => [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');

/** A value as it travels in a URL: percent-encoded, lone surrogates as their WTF-8 bytes (which no decoder accepts). */
export function urlEncode(v: unknown): string {
  const s = typeof v === 'string' ? v : v instanceof RawJson ? v.text : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s
    .split(LONE)
    .map((part, i) => (i % 2 ? wtf8(part.charCodeAt(0)) : encodeURIComponent(part)))
    .join('');
}

/** Whole-body attacks: [name, content-type, body]. */
const BOUNDARY = '----fuzzBoundary7MA4YWxk';
const multipart = (parts: string) => Buffer.from(parts.replace(/\n/g, '\r\n'), 'latin1');
export const BODY_ATTACKS: readonly [string, string, () => string | Buffer][] = [
  ['json-truncated', 'application/json', () => '{"a":'],
  ['json-array', 'application/json', () => '[]'],
  ['json-string', 'application/json', () => '"x"'],
  ['json-number', 'application/json', () => '2147483648'],
  ['json-null', 'application/json', () => 'null'],
  ['json-empty', 'application/json', () => ''],
  ['json-deep', 'application/json', () => '['.repeat(20000) + ']'.repeat(20000)],
  ['json-over-2mb', 'application/json', () => JSON.stringify({ x: 'x'.repeat(2 * MB + 10) })],
  ['json-nul-key', 'application/json', () => '{"\\u0000":"\\u0000","\\ud800":1}'],
  ['text-plain', 'text/plain', () => 'hello'],
  ['form-urlencoded', 'application/x-www-form-urlencoded', () => 'a=1&b=%00'],
  ['multipart-garbage', `multipart/form-data; boundary=${BOUNDARY}`, () => 'not multipart at all \u0000'],
  ['multipart-no-boundary', 'multipart/form-data', () => `--${BOUNDARY}\r\n\r\n`],
  [
    'multipart-truncated',
    `multipart/form-data; boundary=${BOUNDARY}`,
    () => multipart(`--${BOUNDARY}\nContent-Disposition: form-data; name="file"; filename="a.jpg"\nContent-Type: image/jpeg\n\n\xff\xd8\xff`),
  ],
  [
    'multipart-junk-file',
    `multipart/form-data; boundary=${BOUNDARY}`,
    () =>
      multipart(
        `--${BOUNDARY}\nContent-Disposition: form-data; name="file"; filename="a\x00.jpg"; filename*=UTF-8''%ED%A0%80.jpg\nContent-Type: image/jpeg\n\n\x89PNG\r\n\x1a\njunk\n--${BOUNDARY}\nContent-Disposition: form-data; name="title"\n\n\x00\n--${BOUNDARY}--\n`,
      ),
  ],
  [
    'multipart-fields-only',
    `multipart/form-data; boundary=${BOUNDARY}`,
    () =>
      multipart(
        `--${BOUNDARY}\nContent-Disposition: form-data; name="issueDate"\n\n9999-12-31\n--${BOUNDARY}\nContent-Disposition: form-data; name="kind"\n\n\x00\n--${BOUNDARY}--\n`,
      ),
  ],
  [
    'multipart-xlsx-junk',
    `multipart/form-data; boundary=${BOUNDARY}`,
    () =>
      multipart(
        `--${BOUNDARY}\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\n\nPK\x03\x04 not a zip\n--${BOUNDARY}--\n`,
      ),
  ],
];
