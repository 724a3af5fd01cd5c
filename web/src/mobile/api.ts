// The resident pages' client for /api/public/* (no antd): the shared fetch
// core (api/fetch-core.ts), errors in plain Chinese, 429 explained.
import { fetchJson, type Failure } from '../api/fetch-core.ts';
import { chinaClock } from '../../../domain/dates.ts';

export class PublicError extends Error {
  constructor(
    public status: number,
    message: string,
    public fields: { path: string; message: string }[] = [],
    public retryAfter?: number,
  ) {
    super(message);
  }
}

function rateLimitMessage(retryAfter: number | undefined): string {
  if (retryAfter && retryAfter > 0) {
    const mins = Math.ceil(retryAfter / 60);
    return retryAfter < 90 ? `提交太频繁了，请 ${retryAfter} 秒后再试` : `提交太频繁了，请 ${mins} 分钟后再试`;
  }
  return '提交太频繁了，请稍等几分钟再试';
}

function toError(f: Failure): PublicError {
  if (f.status === 429) {
    // The server's own words when they are Chinese; ours otherwise.
    const m = f.message;
    return new PublicError(429, m !== undefined && /[\u4e00-\u9fff]/.test(m) ? m : rateLimitMessage(f.retryAfter), [], f.retryAfter);
  }
  if (f.message !== undefined) return new PublicError(f.status, f.message, f.fields);
  if (f.status === 404) return new PublicError(404, '没有找到，请检查后重试');
  if (f.status === 413) return new PublicError(413, '照片太大了，请换一张或压缩后再试');
  return new PublicError(f.status, f.status >= 500 ? '服务暂时无法响应，请稍后再试' : `提交失败（${f.status}）`);
}

export function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, opts: { idempotencyKey?: string } = {}): Promise<T> {
  return fetchJson<T, PublicError>(method, path, body, {
    base: '/api/public',
    idempotencyKey: opts.idempotencyKey,
    toError,
    networkError: () => new PublicError(0, '网络连接失败，请检查网络后重试'),
  });
}

export function messageOf(e: unknown): string {
  return e instanceof PublicError ? e.message : '操作失败，请稍后再试';
}

// The answers are the server's schemas (domain/api/resident.ts).
export type { PublicCategories, PublicCategory, PublicPhoto, PublicStatus, ReportResult } from '../../../domain/api/resident.ts';
export type PublicCommunities = import('zod').infer<typeof import('../../../domain/api/map.ts').publicCommunities>;
export { RATINGS } from '../../../domain/problems/ratings.ts';

/** Upload one photo; resolves to the server's photo id. */
export function uploadPhoto(file: File, uploadKey: string, onProgress: (p: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/public/photos');
    xhr.setRequestHeader('accept', 'application/json');
    // Photos of one report share a key; the report must present it.
    xhr.setRequestHeader('x-upload-key', uploadKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.id) resolve(body.id);
      else if (xhr.status === 429) reject(new PublicError(429, rateLimitMessage(Number(xhr.getResponseHeader('retry-after')) || undefined)));
      else if (xhr.status === 413) reject(new PublicError(413, '照片太大了（超过 15 MB），请换一张'));
      else reject(new PublicError(xhr.status, body?.error?.message ?? `照片上传失败（${xhr.status}），请重试`));
    };
    xhr.onerror = () => reject(new PublicError(0, '网络连接失败，请检查网络后重试'));
    const fd = new FormData();
    fd.append('file', file, file.name || 'photo.jpg');
    xhr.send(fd);
  });
}

export function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** "2026-05-03T08:10:00Z" → 2026年5月3日 16:10 (China time, on any device). */
export function fmtTime(v: string | null | undefined): string {
  if (!v) return '';
  const d = new Date(v.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2').replace(/([+-]\d{2})$/, '$1:00'));
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  const c = chinaClock(d);
  return `${c.year}年${c.month}月${c.day}日 ${p(c.hour)}:${p(c.minute)}`;
}
