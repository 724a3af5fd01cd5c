// The volunteer's service certificate (志愿服务记录证明: the totals, the
// organisers, each counted record) as data for the printable page and as a
// .docx in the official layout; and the .xlsx for a batch upload to the
// national volunteer system (全国志愿服务信息系统), the one place ID numbers
// are decrypted: by the organiser (volunteer.export_id), every export audited.
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { authorize } from '../../platform/session.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { hoursOf } from '../../../domain/volunteers.ts';
import { buildOfficialDoc } from '../notices/index.ts';
import { decryptId } from './id-cipher.ts';
import { readerScope } from './members.service.ts';
import * as mrepo from './members.repository.ts';
import * as srepo from './service.repository.ts';
import { toFilter, type ListQuery } from './records.service.ts';

/** Most records a certificate lists (a longer history is certified by period). */
export const CERTIFICATE_MAX_ROWS = 5000;
/** Most rows one national-upload file carries (upload in periods beyond it). */
export const UPLOAD_MAX_ROWS = 50_000;

/** The volunteer of a certificate: the person themselves, or a reader of volunteers who sees them. */
async function certifiable(db: Db, actor: Actor, personId: number) {
  const own = personId === actor.personId && can(actor, 'volunteer.self');
  const m = await mrepo.getMember(db, personId, own ? 'all' : await readerScope(db, actor));
  if (!m) throw notFound('该志愿者不存在或不在您的管辖范围内');
  return m;
}

export async function certificate(db: Db, actor: Actor, personId: number, period: { from?: string; to?: string }) {
  const m = await certifiable(db, actor, personId);
  const rows = await srepo.countedRows(db, { personId, from: period.from, to: period.to }, 'all', CERTIFICATE_MAX_ROWS);
  const minutes = rows.reduce((s, r) => s + r.minutes, 0);
  const town = (m.teams[0]?.regionCode ?? m.regionCode).slice(0, 9);
  const issuer = (await mrepo.issuerOf(db, town)) ?? '新时代文明实践所';
  return {
    personId: m.personId,
    name: m.name,
    idNumber: m.idNumberMasked,
    from: period.from ?? rows[0]?.onDate ?? null,
    to: period.to ?? rows.at(-1)?.onDate ?? null,
    records: rows.length,
    hours: hoursOf(minutes),
    organisers: [...new Set(rows.map((r) => r.organizerName))],
    teams: [...new Set(m.teams.map((t) => t.name))],
    issuer,
    issuedOn: todayChina(),
    rows: rows.map((r) => ({ onDate: r.onDate, activity: r.activityTitle, organiser: r.organizerName, hours: hoursOf(r.minutes) })),
  };
}

const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function certificateDocx(db: Db, actor: Actor, personId: number, period: { from?: string; to?: string }) {
  const c = await certificate(db, actor, personId, period);
  const span = c.from && c.to ? `${cn(c.from)}至${cn(c.to)}` : '迄今';
  const who = `${c.name}${c.idNumber ? `（证件号码：${c.idNumber}）` : ''}`;
  const buf = await buildOfficialDoc({
    issuerMark: c.issuer,
    docNumber: null,
    title: '志愿服务记录证明',
    blocks: [
      {
        kind: 'p',
        text: `兹证明${who}${c.teams.length ? `系${c.teams.join('、')}志愿者，` : ''}${span}参加志愿服务${c.records}次，累计志愿服务时长${c.hours}小时。`,
      },
      { kind: 'p', text: `上述志愿服务由${c.organisers.length ? c.organisers.join('、') : '（无）'}组织并记录，记录明细见下表。` },
      { kind: 'p', text: '本证明依据《志愿服务记录与证明出具办法（试行）》（民政部令第67号）出具，所列时长均为组织方已确认的服务记录。' },
    ],
    tableTitle: '志愿服务记录明细',
    table: {
      columns: [
        { title: '序号', width: 8 },
        { title: '服务日期', width: 18 },
        { title: '活动名称', width: 38 },
        { title: '组织单位', width: 24 },
        { title: '时长（小时）', width: 12 },
      ],
      rows: c.rows.map((r, i) => [String(i + 1), r.onDate, r.activity, r.organiser, String(r.hours)]),
    },
    signature: c.issuer,
    date: c.issuedOn,
  });
  return { buf, name: `志愿服务记录证明-${c.name}-${c.issuedOn}.docx` };
}

/** The national upload's columns (姓名, 证件号码, 手机号, 活动, 日期, 时长, 组织单位). */
export const UPLOAD_COLUMNS = ['姓名', '证件类型', '证件号码', '手机号', '志愿服务活动', '服务日期', '服务时长（小时）', '组织单位', '志愿服务队'] as const;

/**
 * The counted records of the filter as the national system's batch upload,
 * with clear ID numbers: only the organiser (volunteer.export_id over the
 * records' communities), every export audited (who, the filter, how many
 * rows and people). A number this server cannot decrypt (another key) is
 * left empty and counted in the audit row.
 */
export async function nationalUpload(db: Db, actor: Actor, q: Omit<ListQuery, 'cursor' | 'limit' | 'status'>) {
  authorize(actor, 'volunteer.export_id');
  const scope = regionScope(actor, 'volunteer.export_id');
  const f = toFilter(q);
  const rows = await srepo.countedRows(db, f, scope, UPLOAD_MAX_ROWS + 1);
  if (rows.length > UPLOAD_MAX_ROWS) throw new AppError('IMPORT_TOO_LARGE', `一次最多导出 ${UPLOAD_MAX_ROWS} 条服务记录，请缩短期间或按队伍分批导出`);
  const enc = await mrepo.idNumberEnc(db, [...new Set(rows.map((r) => r.personId))]);
  const ids = new Map<number, string | null>();
  for (const [pid, v] of enc) ids.set(pid, decryptId(v));
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet('志愿服务记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = UPLOAD_COLUMNS.map((h, i) => ({ header: h, key: h, width: [10, 12, 22, 14, 30, 12, 14, 26, 24][i] }));
  ws.getRow(1).font = { bold: true };
  let missing = 0;
  for (const r of rows) {
    const id = ids.get(r.personId) ?? null;
    if (!id) missing++;
    ws.addRow([
      r.personName,
      id ? '居民身份证' : '',
      id ?? '',
      r.phone ?? '',
      r.activityTitle,
      r.onDate,
      hoursOf(r.minutes),
      r.organizerName,
      r.teamName ?? '',
    ]);
  }
  ws.getColumn(3).numFmt = '@';
  await audit(db, {
    actor,
    action: 'volunteer.export_ids',
    entity: 'volunteer_service',
    regionCode: q.regionCode ?? null,
    after: { filter: f, rows: rows.length, people: new Set(rows.map((r) => r.personId)).size, withoutIdNumber: missing },
  });
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: `志愿服务记录-全国志愿服务信息系统导入-${todayChina()}.xlsx` };
}
