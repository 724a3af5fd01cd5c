// Counting failed sign-ins (rule and numbers: LOCKOUT in domain/people.ts).
// Two counters per name, in login_throttle: one per client IP (a growing
// delay after a few failures, so one address cannot guess on), and one across
// all IPs (a higher threshold within a window, so many addresses together are
// slowed down). A name without an account is counted exactly like one with,
// so neither the answers nor their timing tell which names exist. A stranger
// elsewhere cannot shut the owner out: the per-IP counter binds only the IP
// that failed, and the cross-IP lock spares the addresses the account signed
// in from recently.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { LOCKOUT, ipDelaySeconds } from '../../../domain/people.ts';

/** The row key of the cross-IP counter (never a client address). */
const ALL_IPS = '*';

/** `p:<id>` for an account, `n:<name>` for a name no account has. */
export function subjectOf(personId: number | null, loginName: string): string {
  return personId ? `p:${personId}` : `n:${loginName.trim().toLowerCase()}`;
}

/** SQL: the end of the latest lock on a person now in force (any IP), or NULL. For lists an admin reads. */
export function lockedUntilSql(personId: SQL): SQL {
  return sql`(SELECT max(t.blocked_until) FROM login_throttle t WHERE t.subject = 'p:' || ${personId} AND t.blocked_until > now())`;
}

/** Until when this caller (subject, ip) is shut out, or null when it may try. */
export async function blockedUntil(q: Q, subject: string, personId: number | null, ip: string, now: Date): Promise<Date | null> {
  // An address this account signed in from recently (a name without an account has none).
  const knownIp = personId
    ? sql`EXISTS (SELECT 1 FROM sessions s WHERE s.person_id = ${personId} AND s.ip = ${ip}
        AND s.created_at > ${now}::timestamptz - make_interval(days => ${LOCKOUT.knownIpDays}))`
    : sql`false`;
  const r = await q.execute<{ ip: string; blocked_until: Date; known: boolean }>(sql`
    SELECT t.ip, t.blocked_until, (t.ip = ${ALL_IPS} AND ${knownIp}) AS known
    FROM login_throttle t
    WHERE t.subject = ${subject} AND t.ip IN (${ip}, ${ALL_IPS}) AND t.blocked_until > ${now}`);
  let until: Date | null = null;
  for (const row of r.rows) {
    if (row.known) continue; // the owner's usual address is not bound by strangers' failures
    const d = new Date(row.blocked_until);
    if (!until || d > until) until = d;
  }
  return until;
}

/** Count one failure of (subject, ip). Returns true when it started the cross-IP lock. */
export async function recordFailure(q: Q, subject: string, ip: string, now: Date): Promise<boolean> {
  const forget = sql`${now}::timestamptz - make_interval(hours => ${LOCKOUT.ipForgetHours})`;
  const perIp = await q.execute<{ failures: number }>(sql`
    INSERT INTO login_throttle AS t (subject, ip, failures, window_start, last_failure_at)
    VALUES (${subject}, ${ip}, 1, ${now}, ${now})
    ON CONFLICT (subject, ip) DO UPDATE SET
      failures = CASE WHEN t.last_failure_at < ${forget} THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.last_failure_at < ${forget} THEN ${now} ELSE t.window_start END,
      last_failure_at = ${now}
    RETURNING failures`);
  const delay = ipDelaySeconds(Number(perIp.rows[0].failures));
  if (delay > 0) {
    await q.execute(sql`UPDATE login_throttle SET blocked_until = ${new Date(now.getTime() + delay * 1000)}
      WHERE subject = ${subject} AND ip = ${ip}`);
  }
  const windowEnd = sql`${now}::timestamptz - make_interval(mins => ${LOCKOUT.accountWindowMinutes})`;
  const all = await q.execute<{ failures: number }>(sql`
    INSERT INTO login_throttle AS t (subject, ip, failures, window_start, last_failure_at)
    VALUES (${subject}, ${ALL_IPS}, 1, ${now}, ${now})
    ON CONFLICT (subject, ip) DO UPDATE SET
      failures = CASE WHEN t.window_start <= ${windowEnd} THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start <= ${windowEnd} THEN ${now} ELSE t.window_start END,
      last_failure_at = ${now}
    RETURNING failures`);
  const locked = Number(all.rows[0].failures) === LOCKOUT.accountMaxFailures;
  if (locked) {
    await q.execute(sql`UPDATE login_throttle SET blocked_until = ${new Date(now.getTime() + LOCKOUT.accountLockMinutes * 60_000)}
      WHERE subject = ${subject} AND ip = ${ALL_IPS}`);
  }
  // Forget what no longer matters (about one call in fifty; cheap with the index).
  if (Math.random() < 0.02) {
    await q.execute(sql`DELETE FROM login_throttle WHERE last_failure_at < ${forget} AND (blocked_until IS NULL OR blocked_until < ${now})`);
  }
  return locked;
}

/** A success from this IP: its counter starts over (the cross-IP one runs out on its own). */
export async function clearIp(q: Q, subject: string, ip: string) {
  await q.execute(sql`DELETE FROM login_throttle WHERE subject = ${subject} AND ip = ${ip}`);
}

/** An admin's unlock or password reset: every counter and lock of the person goes. */
export async function clearPerson(q: Q, personId: number) {
  await q.execute(sql`DELETE FROM login_throttle WHERE subject = ${subjectOf(personId, '')}`);
}
