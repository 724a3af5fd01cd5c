// The package (issue 20 item 4): a cycle's materials as one .zip laid out by
// the tree — a folder per 测评项目, 测评内容 and 测评标准, each file named by
// its standard's code, its kind and its title — with 材料目录.xlsx at the top
// listing every material (where it lies in the package, or the record named
// as evidence) and what is still missing. Streamed: the files are read from
// the store one at a time as the client takes the bytes (zip-writer.ts), so
// the server holds the list and the index, never the package.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import {
  EVIDENCE_TYPE_LABELS,
  MATERIAL_KIND_LABELS,
  MATERIAL_STATE_LABELS,
  type EvidenceType,
  type MaterialKind,
  type MaterialState,
} from '../../../domain/evaluation.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { zipWriter, type ZipSource } from '../../platform/zip-writer.ts';
import { cycleOf } from './cycles.service.ts';
import { cycleCompleteness, unitsSeen } from './materials.service.ts';
import * as repo from './package.repository.ts';

export const INDEX_NAME = '材料目录.xlsx';
/** Packages streaming at once per process; one more is refused BUSY rather than queued (each holds a connection for minutes). */
export const PACKAGES_AT_ONCE = 2;
let streaming = 0;

/** A path segment any desktop opens: no separators or reserved characters, no trailing dot, at most `max` characters. */
export function segment(s: string, max = 40): string {
  const clean = s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
    .replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...clean].slice(0, max).join('');
  return cut.replace(/[. ]+$/, '') || '_';
}

const extOf = (r: repo.PackageRow) => (r.fileKind === 'photo' ? 'jpg' : (r.docKind ?? 'bin'));

export interface PackageEntry extends repo.PackageRow {
  /** Where the file lies in the package; null for a record named as evidence, or a file lost from the store. */
  zipPath: string | null;
  lost: boolean;
}

/** Each material's place in the package: 项目/内容/标准/<code>-<kind>-<n>-<title>.<ext>, numbered per standard and kind. */
export function layout(rows: repo.PackageRow[], root: string, storageDir: string): PackageEntry[] {
  const seq = new Map<string, number>();
  return rows.map((r) => {
    if (!r.path) return { ...r, zipPath: null, lost: false };
    const key = `${r.nodeId}:${r.kind}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    const lost = !fs.existsSync(path.join(storageDir, r.path));
    const folder = [root, segment(`${r.itemCode} ${r.itemName}`), segment(`${r.contentCode} ${r.contentName}`), segment(`${r.code} ${r.name}`)].join('/');
    const file = `${segment(`${r.code}-${MATERIAL_KIND_LABELS[r.kind as MaterialKind] ?? r.kind}-${n}-${r.title}`, 60)}.${extOf(r)}`;
    return { ...r, zipPath: lost ? null : `${folder}/${file}`, lost };
  });
}

type Missing = Awaited<ReturnType<typeof cycleCompleteness>>['departments'][number]['missing'];

/** 材料目录.xlsx: every material with its place in the package, and (second sheet) what each department still owes. */
export async function indexWorkbook(entries: PackageEntry[], missing: { unitName: string; items: Missing }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('材料目录');
  const cols: [string, number][] = [
    ['序号', 6],
    ['测评项目', 18],
    ['测评内容', 18],
    ['标准编号', 10],
    ['测评标准', 40],
    ['分值', 6],
    ['材料类型', 10],
    ['材料名称', 30],
    ['材料日期', 12],
    ['责任单位', 20],
    ['审核状态', 10],
    ['审核人', 10],
    ['材料包内位置 / 佐证记录', 70],
  ];
  ws.columns = cols.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  entries.forEach((e, i) => {
    const where = e.zipPath
      ? e.zipPath
      : e.lost
        ? '文件已丢失，未打包（请联系管理员）'
        : `${EVIDENCE_TYPE_LABELS[e.evidenceType as EvidenceType] ?? '记录'}${e.evidenceId ? ` 第 ${e.evidenceId} 号` : ''}${e.evidenceRef ? ` ${e.evidenceRef}` : ''}（本系统记录）`;
    ws.addRow([
      i + 1,
      e.itemName,
      e.contentName,
      e.code,
      e.name,
      e.points,
      MATERIAL_KIND_LABELS[e.kind as MaterialKind] ?? e.kind,
      e.title,
      e.dated,
      e.unitName,
      MATERIAL_STATE_LABELS[e.state as MaterialState] ?? e.state,
      e.reviewedByName ?? '',
      where,
    ]);
  });
  const gap = wb.addWorksheet('缺项');
  gap.columns = [
    { header: '责任单位', width: 20 },
    { header: '标准编号', width: 10 },
    { header: '测评标准', width: 40 },
    { header: '缺少的材料类型', width: 24 },
    { header: '截止日期', width: 12 },
    { header: '是否逾期', width: 10 },
  ];
  gap.getRow(1).font = { bold: true };
  for (const d of missing)
    for (const m of d.items)
      gap.addRow([
        d.unitName,
        m.code,
        m.name,
        m.kinds.map((k) => (k === '*' ? '任一类型' : (MATERIAL_KIND_LABELS[k as MaterialKind] ?? k))).join('、'),
        m.deadline,
        m.overdue ? '已逾期' : '',
      ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The package of a cycle as a stream and its file name. `states`: accepted
 * materials only (what is submitted), or those awaiting review too. A liaison
 * gets their unit's materials. Audited; at most PACKAGES_AT_ONCE at a time.
 */
export async function cyclePackage(db: Db, actor: Actor, cycleId: number, storageDir: string, states: 'accepted' | 'all' = 'accepted') {
  const c = await cycleOf(db, actor, cycleId);
  if (streaming >= PACKAGES_AT_ONCE) throw new AppError('BUSY', '服务器正在打包其他材料包，请稍后再试');
  const units = unitsSeen(actor);
  const rows = await repo.packageRows(db, cycleId, states === 'accepted' ? ['accepted'] : ['accepted', 'submitted'], units);
  const townName = await repo.regionName(db, c.townCode);
  const root = segment(`${townName}${c.year}年度网上申报材料`, 60);
  const entries = layout(rows, root, storageDir);
  const done = await cycleCompleteness(db, actor, cycleId);
  const index = await indexWorkbook(
    entries,
    done.departments.filter((d) => d.missing.length).map((d) => ({ unitName: d.unitName, items: d.missing })),
  );
  await audit(db, {
    actor,
    action: 'evaluation.package',
    entity: 'evaluation_cycle',
    entityId: cycleId,
    regionCode: c.townCode,
    after: { states, materials: entries.length, files: entries.filter((e) => e.zipPath).length },
  });
  function* sources(): Generator<ZipSource> {
    yield { name: `${root}/${INDEX_NAME}`, data: index };
    for (const e of entries) {
      if (!e.zipPath || !e.path) continue;
      yield {
        name: e.zipPath,
        data: fs.createReadStream(path.join(storageDir, e.path), { highWaterMark: 256 * 1024 }),
        modified: e.reviewedAt ? new Date(e.reviewedAt) : undefined,
      };
    }
  }
  streaming++;
  const stream: Readable = zipWriter(sources());
  let released = false;
  const release = () => {
    if (!released) streaming--;
    released = true;
  };
  stream.once('close', release);
  stream.once('error', release);
  return { stream, name: `${root}.zip` };
}
