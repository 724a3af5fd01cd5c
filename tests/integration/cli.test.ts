// The command line (server/cli), run as a real child process against this
// file's own database, the way an operator runs it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson, PASSWORD } from '../helpers/town.ts';
import { verifyPassword } from '../../server/platform/password.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let tdb: TestDb;
const CLI_AUDIT_KEY = 'cli-test-audit-key-0123456789abcdef';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: tdb.url, AUDIT_KEY: CLI_AUDIT_KEY, DATA_DIR: tdb.auditDir, LOG_LEVEL: 'warn', NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const lines = (s: string) => s.split('\n').filter((l) => l.trim());

beforeAll(async () => {
  tdb = await createTestDb();
});
afterAll(async () => {
  await tdb?.drop();
});

describe('cli region import', () => {
  it('imports a town once; running it again changes nothing', async () => {
    const first = await cli('region', 'import', '--town', '350821100');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toHaveLength(1);
    expect(first.stdout).toMatch(/汀州镇/);
    expect(first.stdout).toMatch(/长汀县/);
    expect(first.stdout).toMatch(/13 个社区/);
    expect(first.stdout).toMatch(/新增 (\d+) 条/);
    expect(Number(/新增 (\d+) 条/.exec(first.stdout)![1])).toBeGreaterThan(13);
    const audits = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'region'`)).rows[0].n;

    const again = await cli('region', 'import', '--town', '350821100');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/新增 0 条/);
    expect(again.stdout).toMatch(/更新 0 条/);
    const audits2 = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'region'`)).rows[0].n;
    expect(audits2).toBe(audits);
  });

  it('refuses an unknown or malformed code with exit 1 and exactly one line', async () => {
    for (const code of ['123456789', '35082110', 'abc']) {
      const r = await cli('region', 'import', '--town', code);
      expect(r.code, code).toBe(1);
      expect(r.stdout, code).toBe('');
      expect(lines(r.stderr), code).toHaveLength(1);
      expect(r.stderr, code).toMatch(new RegExp(`^错误 \\[REGION_UNKNOWN\\] 未找到乡镇（街道）代码 ${code}`));
    }
  });

  it('imports a second town of the same county beside the first, keeping them apart', async () => {
    const r = await cli('region', 'import', '--town', '350821101');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/大同镇/);
    const towns = (
      await tdb.db.execute<{ code: string; name: string; parent_code: string; n: number }>(sql`
      SELECT t.code, t.name, t.parent_code, (SELECT count(*) FROM regions c WHERE c.parent_code = t.code AND c.level = 'community') AS n
      FROM regions t WHERE t.level = 'town' ORDER BY t.code`)
    ).rows;
    expect(towns.map((t) => [t.code, t.name, t.parent_code])).toEqual([
      ['350821100', '汀州镇', '350821'],
      ['350821101', '大同镇', '350821'],
    ]);
    expect(towns[0].n).toBe(13);
    expect(towns[1].n).toBeGreaterThan(0);
    const [stray] = (
      await tdb.db.execute<{ n: number }>(sql`
      SELECT count(*) AS n FROM regions WHERE level = 'community' AND left(code, 9) <> parent_code`)
    ).rows;
    expect(stray.n).toBe(0);
    const [counties] = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM regions WHERE level = 'county'`)).rows;
    expect(counties.n).toBe(1);
  });
});

describe('cli audit verify', () => {
  it('passes on an intact chain listing each check, then names the row a hand edit broke', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    const okLines = lines(ok.stdout);
    expect(okLines[0]).toMatch(/^审计链校验通过：共 \d+ 行$/);
    expect(okLines.slice(1).join('\n')).toMatch(/✓ 序号与前后链接.*\n.*✓ 普通哈希链.*\n.*✓ 带密钥的哈希链（HMAC-SHA256）：自序号 1 起.*\n.*✓ 检查点：/);
    expect(ok.stdout).not.toContain('✗');

    await tdb.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tdb.db.execute(sql`UPDATE audit_log SET after = '{"x":1}' WHERE id = 3`);
    await tdb.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(lines(broken.stderr)[0]).toMatch(/^审计链在第 3 行（序号 3）断开：/);
    expect(broken.stderr).toMatch(/✗ 带密钥的哈希链/);
  });

  it('with DATABASE_URL and no AUDIT_KEY, refuses in one line that says what to set', async () => {
    const r = await new Promise<Run>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: tdb.url, DATA_DIR: tdb.auditDir, NODE_OPTIONS: '' };
      delete env.AUDIT_KEY;
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', 'audit', 'verify'], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^错误 \[E_CONFIG\] .*AUDIT_KEY/);
  });
});

describe('cli user reset-password', () => {
  it('prints a new password once, revokes the sessions and audits it', async () => {
    const id = await addPerson(tdb.db, {
      name: '王丽萍',
      username: 'office',
      phone: '13859710011',
      regionCode: '350821100',
      grants: [{ role: 'office_staff', region: '350821100' }],
    });
    await tdb.db.execute(sql`INSERT INTO sessions (id, person_id, expires_at) VALUES ('s-cli-test', ${id}, now() + interval '1 day')`);
    const r = await cli('user', 'reset-password', '13859710011');
    expect(r.code).toBe(0);
    const pw = /一次性密码[^：]*：([A-Za-z0-9]{8,})$/m.exec(r.stdout)?.[1];
    expect(pw).toBeTruthy();
    const [p] = (await tdb.db.execute<any>(sql`SELECT password_hash, must_change_password FROM people WHERE id = ${id}`)).rows;
    expect(await verifyPassword(p.password_hash, pw!)).toBe(true);
    expect(await verifyPassword(p.password_hash, PASSWORD)).toBe(false);
    expect(p.must_change_password).toBe(true);
    const [s] = (await tdb.db.execute<any>(sql`SELECT revoked_at FROM sessions WHERE id = 's-cli-test'`)).rows;
    expect(s.revoked_at).not.toBeNull();
    const [a] = (await tdb.db.execute<any>(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'reset_password' AND entity_id = ${String(id)}`)).rows;
    expect(a.n).toBe(1);

    const byName = await cli('user', 'reset-password', 'OFFICE');
    expect(byName.code).toBe(0);
    const unknown = await cli('user', 'reset-password', 'nobody');
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toHaveLength(1);
  });
});

describe('cli usage', () => {
  it('prints help with exit 0 and refuses an unknown command with exit 2', async () => {
    const help = await cli('help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/region import/);
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/未知命令/);
    const missing = await cli('region', 'import');
    expect(missing.code).toBe(2);
  });

  it('loads the demo into an empty database, and refuses a second time', async () => {
    const other = await createTestDb();
    try {
      const run = (...a: string[]) =>
        new Promise<Run>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...a], {
            cwd: ROOT,
            env: { ...process.env, DATABASE_URL: other.url, ADMIN_PASSWORD: 'Admin12345', NODE_OPTIONS: '' },
          });
          let stdout = '',
            stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        });
      const first = await run('demo', 'load');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/长汀县汀州镇：13 个社区/);
      const second = await run('demo', 'load');
      expect(second.code).toBe(1);
      expect(lines(second.stderr)).toHaveLength(1);
    } finally {
      await other.drop();
    }
  });
});
