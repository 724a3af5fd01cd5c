// Dates in Chinese, in China time: a deadline, a 上报时间 and "today" read the
// same on any device, whatever its time zone (the server counts days in China time too).
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { chinaClock } from '../../../domain/dates.ts';

dayjs.locale('zh-cn');

/**
 * Parse API timestamps: ISO strings, and PostgreSQL's text form
 * "2026-11-24 23:43:29.729+00" that raw SQL rows carry (Safari rejects it as is).
 */
export function parseTime(v: string | Date): dayjs.Dayjs {
  if (typeof v !== 'string') return dayjs(v);
  const iso = v.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2').replace(/([+-]\d{2})$/, '$1:00');
  return dayjs(iso);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function fmtDateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = parseTime(v);
  if (!d.isValid()) return '—';
  const c = chinaClock(d.toDate());
  return `${c.year}年${c.month}月${c.day}日 ${pad(c.hour)}:${pad(c.minute)}`;
}

/** A timestamp's day; a plain 'YYYY-MM-DD' date is that day as it is. */
export function fmtDate(v: string | Date | null | undefined): string {
  if (!v) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  const d = parseTime(v);
  if (!d.isValid()) return '—';
  const c = chinaClock(d.toDate());
  return `${c.year}年${c.month}月${c.day}日`;
}

export function greeting(now = new Date()): string {
  const h = chinaClock(now).hour;
  if (h < 6) return '凌晨好';
  if (h < 11) return '上午好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

/** A readable device from a user-agent string, without showing the raw English text. */
export function deviceOf(ua: string | null | undefined): string {
  if (!ua) return '未知设备';
  const os = /iPhone|iPad/.test(ua)
    ? '苹果手机/平板'
    : /Android/.test(ua)
      ? '安卓手机'
      : /Windows/.test(ua)
        ? 'Windows 电脑'
        : /Mac OS/.test(ua)
          ? '苹果电脑'
          : /Linux/.test(ua)
            ? 'Linux 电脑'
            : '其他设备';
  const br = /MicroMessenger/.test(ua)
    ? '微信'
    : /Edg\//.test(ua)
      ? 'Edge 浏览器'
      : /Chrome\//.test(ua)
        ? 'Chrome 浏览器'
        : /Firefox\//.test(ua)
          ? 'Firefox 浏览器'
          : /Safari\//.test(ua)
            ? 'Safari 浏览器'
            : /curl|node|undici/i.test(ua)
              ? '程序接口'
              : '浏览器';
  return `${os} · ${br}`;
}
