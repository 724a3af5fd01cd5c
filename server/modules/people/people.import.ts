// Excel import of people (.xlsx, Chinese headers). All rows or none: every
// row is checked first, and any bad row rejects the whole file with a list of
// {row, column, message} the user can fix and upload again.
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { importWork, readXlsx } from '../../platform/xlsx.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { ROLE_LABELS, ROLE_SCOPE, ROLES, type Role, type RoleGrant } from '../../../domain/roles.ts';
import { PHONE_RE, USERNAME_RE, passwordProblem } from '../../../domain/people.ts';
import * as repo from './people.repository.ts';
import { createIn, checkGrants } from './people.service.ts';
import { importRefusal, type ImportError } from '../../platform/xlsx-import.ts';

export const IMPORT_COLUMNS = ['姓名', '手机号', '用户名', '职务', '所属单位', '所属区域代码', '角色', '管辖区域代码', '初始密码'] as const;
const REQUIRED = ['姓名', '手机号', '角色'];
const ROLE_BY_LABEL = new Map<string, Role>(ROLES.map((r) => [ROLE_LABELS[r], r]));

export const IMPORT_MAX_PEOPLE = 2000;

export async function readSheet(buf: Buffer): Promise<{ rows: { row: number; values: Record<string, string> }[]; errors: ImportError[] }> {
  const sheet = await readXlsx(buf, { maxRows: IMPORT_MAX_PEOPLE, unit: '人', notXlsx: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载模板）' });
  const have = new Set(sheet.keys);
  const missing = REQUIRED.filter((h) => !have.has(h));
  if (missing.length) {
    return { rows: [], errors: missing.map((m) => ({ row: 1, column: m, message: `缺少必需的表头“${m}”，请使用导入模板` })) };
  }
  const rows = sheet.rows.map(({ row, values }) => ({ row, values }));
  return { rows, errors: [] };
}

export async function importPeople(db: Db, actor: Actor, buf: Buffer) {
  authorize(actor, 'person.import');
  return importWork.run(() => importSheet(db, actor, buf));
}

async function importSheet(db: Db, actor: Actor, buf: Buffer) {
  const { rows, errors } = await readSheet(buf);
  if (!errors.length && rows.length === 0) errors.push({ row: 2, column: '姓名', message: '文件中没有数据行' });
  if (errors.length) throw await importRefusal(errors);

  const unitsByName = new Map<string, { id: number; region_code: string }[]>();
  for (const u of await repo.unitsInScope(db, regionScope(actor, 'unit.read'))) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u]);

  const phonesSeen = new Map<string, number>();
  const usersSeen = new Map<string, number>();
  const bodies: { row: number; body: Parameters<typeof createIn>[2] }[] = [];
  for (const { row, values: v } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const name = v['姓名'];
    if (!name) err('姓名', '姓名不能为空');
    else if (name.length > 50) err('姓名', '姓名最多 50 个字');
    const phone = v['手机号'];
    if (!PHONE_RE.test(phone)) err('手机号', phone ? `手机号“${phone}”格式不正确，应为 11 位手机号` : '手机号不能为空');
    else if (phonesSeen.has(phone)) err('手机号', `与第 ${phonesSeen.get(phone)} 行手机号重复`);
    else phonesSeen.set(phone, row);
    const username = v['用户名'] || null;
    if (username) {
      if (!USERNAME_RE.test(username)) err('用户名', '用户名须以字母开头，3-32 位字母、数字或 _ . -');
      else if (usersSeen.has(username.toLowerCase())) err('用户名', `与第 ${usersSeen.get(username.toLowerCase())} 行用户名重复`);
      else usersSeen.set(username.toLowerCase(), row);
    }
    const password = v['初始密码'] || null;
    if (password && passwordProblem(password)) err('初始密码', passwordProblem(password)!);
    let unit: { id: number; region_code: string } | undefined;
    if (v['所属单位']) {
      const found = unitsByName.get(v['所属单位']) ?? [];
      if (found.length === 0) err('所属单位', `单位“${v['所属单位']}”不存在或不在您的管辖范围内`);
      else if (found.length > 1) err('所属单位', `有多个单位名为“${v['所属单位']}”，请先在单位管理中改名区分`);
      else unit = found[0];
    }
    const regionCode = v['所属区域代码'] || unit?.region_code || null;
    if (v['所属区域代码'] && !/^\d{6,15}$/.test(v['所属区域代码'])) err('所属区域代码', '区域代码应为 6-15 位数字');
    const roles: RoleGrant[] = [];
    const labels = v['角色'].split(/[、,，;；\s]+/).filter(Boolean);
    if (!labels.length)
      err(
        '角色',
        `角色不能为空，可选：${ROLES.filter((r) => r !== 'admin')
          .map((r) => ROLE_LABELS[r])
          .join('、')}`,
      );
    for (const label of labels) {
      const role = ROLE_BY_LABEL.get(label);
      if (!role) {
        err(
          '角色',
          `不认识的角色“${label}”，可选：${ROLES.filter((r) => r !== 'admin')
            .map((r) => ROLE_LABELS[r])
            .join('、')}`,
        );
        continue;
      }
      if (ROLE_SCOPE[role].kind === 'unit') {
        if (!unit) err('所属单位', `角色“${label}”须填写所属单位`);
        else roles.push({ role, scopeUnitId: unit.id });
      } else {
        const scope = v['管辖区域代码'] || regionCode;
        if (!scope) err('管辖区域代码', `角色“${label}”须填写管辖区域代码`);
        else roles.push({ role, scopeRegionCode: scope });
      }
    }
    if (roles.length) {
      const gErrs = await checkGrants(db, actor, roles);
      for (const e of gErrs) err(e.includes('.scopeUnitId') ? '所属单位' : e.includes('.scopeRegionCode') ? '管辖区域代码' : '角色', e.split('|')[1]);
    }
    bodies.push({ row, body: { name, phone, username, title: v['职务'] || null, regionCode, unitId: unit?.id ?? null, password, roles } });
  }
  // Logins already taken by someone in the database.
  const taken = await repo.existingLogins(db, [...phonesSeen.keys()], [...usersSeen.keys()]);
  for (const t of taken) {
    if (t.phone && phonesSeen.has(t.phone))
      errors.push({ row: phonesSeen.get(t.phone)!, column: '手机号', message: `手机号 ${t.phone} 已被系统中其他人员使用` });
    if (t.username && usersSeen.has(t.username.toLowerCase()))
      errors.push({ row: usersSeen.get(t.username.toLowerCase())!, column: '用户名', message: `用户名 ${t.username} 已被使用` });
  }
  if (errors.length) throw await importRefusal(errors.sort((a, b) => a.row - b.row));

  return db.transaction(async (tx) => {
    const created: { row: number; id: number; name: string; phone: string | null; initialPassword: string | null }[] = [];
    for (const { row, body } of bodies) {
      try {
        const r = await createIn(tx, actor, body);
        created.push({ row, id: r.person.id, name: r.person.name, phone: r.person.phone, initialPassword: r.initialPassword });
      } catch (e) {
        if (e instanceof AppError) {
          const fields = e.fields?.length ? e.fields : [{ path: '', message: e.message }];
          throw await importRefusal(fields.map((f) => ({ row, column: '', message: f.message })));
        }
        throw e;
      }
    }
    return { created: created.length, people: created };
  });
}

export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.columns = IMPORT_COLUMNS.map((h) => ({ header: REQUIRED.includes(h) ? `${h}*` : h, key: h, width: h === '所属单位' ? 24 : 16 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['张三', '13800000000', 'zhangsan', '网格员', '', '350821100010', '街巷长', '350821100010', '']);
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '项目', width: 16 },
    { header: '说明', width: 90 },
  ];
  help.addRows([
    ['姓名', '必填'],
    ['手机号', '必填，11 位手机号，用于登录，不能与已有人员重复'],
    ['用户名', '选填，字母开头，可用于登录'],
    ['所属单位', '选填，填写系统中已有单位的全称；单位联络员、志愿者必须填写'],
    ['所属区域代码', '选填，12 位社区代码或 9 位镇代码；不填则取所属单位的区域'],
    [
      '角色',
      `必填，可填多个，用“、”分隔：${ROLES.filter((r) => r !== 'admin')
        .map((r) => ROLE_LABELS[r])
        .join('、')}`,
    ],
    ['管辖区域代码', '区域类角色的管辖范围：镇领导、镇创城办填 9 位镇代码；社区干部、街巷长填 12 位社区代码；不填则取所属区域'],
    ['初始密码', '选填，至少 8 位且含字母和数字；不填则由系统生成，导入后显示一次；首次登录须修改'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type { ImportError };
