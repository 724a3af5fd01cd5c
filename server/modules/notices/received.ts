// Notices received from the county (县督查通报, 创城周报): entered by hand or
// imported from .xlsx. Every item becomes a problem (source county_notice or
// county_weekly, sourceRef = the notice's number) dispatched with its deadline,
// all in one transaction: the whole notice or nothing. An item's tier is what
// the entry or the sheet's 整改层级 says (社区整 or 集中整), else the category's
// usual tier, where 随手整 becomes 社区整: an item has no before-and-after
// photos (defaultTier in domain/problems/vocab.ts).
import type { Db, Tx } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { importWork, readXlsx } from '../../platform/xlsx.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { RECEIVED_SOURCE, type ReceivedKind } from '../../../domain/notices/vocab.ts';
import { intake, type LocationConfig } from '../problems/index.ts';
import { matchTier } from '../problems/index.ts';
import type { Tier } from '../../../domain/problems/vocab.ts';
import * as repo from './notices.repository.ts';

export interface ReceivedItem {
  /** Its place in the notice as issued (a county notice's items are split by town). */
  position?: number;
  regionCode: string;
  categoryId: number;
  description: string;
  address?: string | null;
  dueDate?: string | null;
  tier?: Exclude<Tier, 'on_spot'> | null;
}
export interface ReceivedInput {
  kind: ReceivedKind;
  docNumber: string;
  title: string;
  issuer: string;
  issueDate: string;
  dueDate?: string | null;
  items: ReceivedItem[];
}

export async function record(db: Db, actor: Actor, input: ReceivedInput, cfg: LocationConfig) {
  authorize(actor, 'notice.compose');
  if (!input.items.length) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'items', message: '请至少录入一个问题' }]);
  const towns = new Set(input.items.map((i) => i.regionCode.slice(0, 9)));
  if (towns.size !== 1) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'items', message: '一份通报的问题须属于同一个镇（请按镇分别录入）' }]);
  const town = [...towns][0];
  authorize(actor, 'notice.compose', { regionCode: town });
  return db.transaction((tx) => receiveInto(tx, actor, town, input, cfg));
}

/**
 * A town's received notice and its items as the town's problems, in the
 * caller's transaction: the whole notice or nothing. Entered by the town
 * office (dispatched as the office dispatches), or `fromCounty`: the town's
 * copy of a notice its county office issued in the system, each item filed
 * and sent to its category's route for the county (one a route cannot reach
 * stays filed for the town office to dispatch).
 */
export async function receiveInto(
  tx: Tx,
  actor: Actor,
  town: string,
  input: ReceivedInput,
  cfg: LocationConfig,
  fromCounty?: { parentId: number; publishedAt: Date },
) {
  const id = await repo.insertNotice(tx, {
    direction: 'received',
    kind: input.kind,
    townCode: town,
    year: Number(input.issueDate.slice(0, 4)),
    seq: null,
    docNumber: input.docNumber,
    title: input.title,
    issuer: input.issuer,
    issueDate: input.issueDate,
    dueDate: input.dueDate ?? null,
    intro: null,
    state: 'recorded',
    createdBy: actor.personId,
    parentId: fromCounty?.parentId ?? null,
    publishedAt: fromCounty?.publishedAt ?? null,
  });
  const system = fromCounty
    ? {
        system: {
          fileNote: `${input.issuer}${input.docNumber}通报，自动立案`,
          dispatchNote: `${input.issuer}${input.docNumber}通报，按问题类别派遣`,
          route: 'county_notice',
          higherOffice: true,
        },
      }
    : {};
  const ids: number[] = [];
  for (const [k, it] of input.items.entries()) {
    try {
      const p = await intake(
        tx,
        { actor },
        {
          source: RECEIVED_SOURCE[input.kind],
          sourceRef: input.docNumber,
          sourceId: id,
          categoryId: it.categoryId,
          description: it.description,
          address: it.address ?? null,
          regionCode: it.regionCode,
          then: fromCounty ? null : 'dispatch',
          dueDate: it.dueDate ?? input.dueDate ?? null,
          tier: it.tier ?? null,
        },
        cfg,
        system,
      );
      ids.push(p.id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
        throw new AppError(
          'VALIDATION_FAILED',
          `第 ${(it.position ?? k) + 1} 个问题：${e.fields?.[0]?.message ?? e.message}`,
          (e.fields ?? []).map((d) => ({ ...d, path: `items.${it.position ?? k}.${d.path}` })),
        );
      }
      throw e;
    }
  }
  await repo.replaceItems(tx, id, ids);
  await audit(tx, {
    actor,
    action: 'notice.record',
    entity: 'notice',
    entityId: id,
    regionCode: town,
    after: { ...input, parentId: fromCounty?.parentId ?? null, problemIds: ids },
  });
  return { id, problemIds: ids };
}

export const IMPORT_COLUMNS = ['社区', '问题类别', '问题描述', '地址', '整改期限', '整改层级'] as const;
const OPTIONAL_COLUMNS: readonly string[] = ['地址', '整改层级'];

export const IMPORT_MAX_ITEMS = 2000;

/** Read the sheet; every row is checked first and any bad row rejects the file with {row, column, message} errors. */
export async function importXlsx(db: Db, actor: Actor, buf: Buffer, meta: Omit<ReceivedInput, 'items'>, cfg: LocationConfig) {
  authorize(actor, 'notice.compose');
  return importWork.run(() => importSheet(db, actor, buf, meta, cfg));
}

async function importSheet(db: Db, actor: Actor, buf: Buffer, meta: Omit<ReceivedInput, 'items'>, cfg: LocationConfig) {
  const sheet = await readXlsx(buf, { maxRows: IMPORT_MAX_ITEMS, unit: '个问题', notXlsx: '文件不是有效的 .xlsx 表格' });
  if (!sheet.header.length) throw new AppError('BAD_REQUEST', '表格是空的');
  const missing = IMPORT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !sheet.keys.includes(c));
  if (missing.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `表头缺少：${missing.join('、')}`,
      missing.map((c) => ({ path: 'header', message: `缺少“${c}”列` })),
    );
  const { communities, categories: cats } = await repo.importLookups(db);
  const scope = regionScope(actor, 'notice.compose');
  const errors: { row: number; column: string; message: string }[] = [];
  const items: ReceivedItem[] = [];
  for (const { row: n, values } of sheet.rows) {
    const text = (c: (typeof IMPORT_COLUMNS)[number]) => values[c] ?? '';
    const name = text('社区');
    const cat = text('问题类别');
    const desc = text('问题描述');
    const due = text('整改期限');
    if (!name && !cat && !desc) continue;
    const cm = communities.filter((c) => shortName(c.name) === shortName(name) && (scope === 'all' || scope.some((p) => c.code.startsWith(p))));
    if (cm.length !== 1) errors.push({ row: n, column: '社区', message: cm.length ? `“${name}”有重名，请改用录入` : `找不到社区“${name}”` });
    const ct = cats.find((c) => c.name === cat);
    if (!ct) errors.push({ row: n, column: '问题类别', message: `找不到问题小类“${cat}”` });
    if (desc.length < 2) errors.push({ row: n, column: '问题描述', message: '请描述问题（至少 2 个字）' });
    if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) errors.push({ row: n, column: '整改期限', message: '日期格式应为 YYYY-MM-DD' });
    const tier = text('整改层级') ? matchTier(text('整改层级'), (column, message) => errors.push({ row: n, column, message })) : null;
    if (cm.length === 1 && ct)
      items.push({ regionCode: cm[0].code, categoryId: ct.id, description: desc, address: text('地址') || null, dueDate: due || null, tier });
  }
  if (errors.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `表格有 ${errors.length} 处错误，整份未导入，请修改后重新导入`,
      errors.map((e) => ({ path: `row ${e.row} ${e.column}`, message: e.message })),
      { errors },
    );
  return record(db, actor, { ...meta, items }, cfg);
}

/** 水东街社区居民委员会, 水东街社区居委会 and 水东街社区 are the same community. */
const shortName = (s: string) => s.trim().replace(/(居民委员会|居委会|村民委员会|村委会)$/, '');
