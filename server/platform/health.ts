// GET /api/health: 200 with the PostgreSQL version while the database
// answers, else 503 with a reason in Chinese. The reason never carries the
// SQL or the driver's message (they name hosts, users and queries); those go
// to the server log. The pool reconnects by itself, so health turns 200 again
// as soon as PostgreSQL is back, without restarting the server.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { health, healthUnavailable } from '../../domain/api/auth.ts';

export function unavailableReason(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string }; message?: string };
  const code = err?.cause?.code ?? err?.code ?? '';
  if (code === '28P01' || code === '28000') return '数据库不可用：拒绝登录（用户名或密码错误）';
  if (code === '3D000') return '数据库不可用：数据库不存在';
  if (code === '57P03') return '数据库不可用：正在启动或恢复中，服务器会自动重连';
  const lost = /Connection terminated|connection error|ECONNRESET/i.test(err?.message ?? '');
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || /^(08|57P)/.test(code) || lost)
    return '数据库不可用：连接中断或数据库正在重启，服务器会自动重连';
  if (/timeout/i.test(err?.message ?? '') || code === 'ETIMEDOUT') return '数据库不可用：连接超时';
  return '数据库不可用：查询失败，详见服务器日志';
}

export function registerHealth(app: FastifyInstance, db: Db, embedded: boolean) {
  app.get('/api/health', { schema: { response: { 200: health, 503: healthUnavailable } } }, async (req, reply) => {
    try {
      const r = await db.execute<{ v: string }>(sql`SELECT current_setting('server_version') AS v`);
      return { status: 'ok' as const, database: { embedded, version: r.rows[0].v } };
    } catch (e) {
      req.log.warn({ err: e }, 'health: database unavailable');
      return reply.status(503).send({ status: 'unavailable' as const, reason: unavailableReason(e), database: { embedded } });
    }
  });
}
