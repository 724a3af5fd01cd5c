// Every environment variable the server reads, in one place. The README's
// configuration table is written from this list.
import path from 'node:path';
import { auditKeyFromEnv } from './audit-key.ts';

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | null;
  /** HMAC key of the audit chain (AUDIT_KEY); required with DATABASE_URL, else DATA_DIR/audit.key. */
  auditKey: string | null;
  dataDir: string;
  embeddedPgPort: number;
  adminPassword: string | null;
  demo: boolean;
  demoTown: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  logLevel: string;
  /** json or pretty (pino-pretty); unset: pretty on a terminal, json otherwise. */
  logFormat: 'json' | 'pretty' | null;
  webDist: string;
  poolSize: number;
  storageDir: string;
  /** Largest document (pdf, docx, xlsx) accepted, in bytes (DOCUMENT_MAX_MB). */
  documentMaxBytes: number;
  placeMatchMeters: number;
  communityMatchMeters: number;
  jobs: boolean;
  trustProxy: boolean;
  /** Duplicate hints: open problems of the same category within this distance and age. */
  dupMeters: number;
  dupDays: number;
  /** 随手拍 rate limits: reports per IP per hour, per phone number per day. */
  residentReportsPerIpHour: number;
  residentReportsPerPhoneDay: number;
  /** AES key of the volunteers' ID numbers (VOLUNTEER_ID_KEY, 64 hex); null: DATA_DIR/volunteer-id.key. */
  volunteerIdKey: string | null;
  /** Residents' service orders accepted per IP address per hour. */
  ordersPerIpHour: number;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return !['0', 'false', 'no', 'off'].includes(v.toLowerCase());
}

function hexKey(name: string, v: string | undefined): string | null {
  if (v === undefined || v === '') return null;
  if (!/^[0-9a-fA-F]{64}$/.test(v)) throw new Error(`CONFIG_INVALID: ${name} 应为 64 位十六进制字符（例如 openssl rand -hex 32 的输出）`);
  return v;
}

function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`CONFIG_INVALID: ${name} 必须是非负整数，当前为 "${v}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || null,
    auditKey: auditKeyFromEnv(env.AUDIT_KEY),
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    adminPassword: env.ADMIN_PASSWORD || null,
    demo: argv.includes('--no-demo') ? false : bool(env.DEMO, true),
    demoTown: env.DEMO_TOWN || '350821100',
    sessionTtlHours: int('SESSION_TTL_HOURS', env.SESSION_TTL_HOURS, 72),
    cookieSecure: bool(env.COOKIE_SECURE, false),
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : null,
    webDist: path.resolve(env.WEB_DIST || './dist/web'),
    poolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 10),
    storageDir: path.resolve(env.STORAGE_DIR || path.join(dataDir, 'uploads')),
    documentMaxBytes: Math.max(1, int('DOCUMENT_MAX_MB', env.DOCUMENT_MAX_MB, 20)) * 1024 * 1024,
    placeMatchMeters: int('PLACE_MATCH_METERS', env.PLACE_MATCH_METERS, 100),
    communityMatchMeters: int('COMMUNITY_MATCH_METERS', env.COMMUNITY_MATCH_METERS, 1500),
    jobs: bool(env.JOBS, true),
    // Only behind a reverse proxy that sets X-Forwarded-For: otherwise a client could pick its own IP and dodge per-IP limits.
    trustProxy: bool(env.TRUST_PROXY, false),
    dupMeters: int('DUP_METERS', env.DUP_METERS, 50),
    dupDays: int('DUP_DAYS', env.DUP_DAYS, 7),
    residentReportsPerIpHour: int('RESIDENT_REPORTS_PER_IP_HOUR', env.RESIDENT_REPORTS_PER_IP_HOUR, 10),
    residentReportsPerPhoneDay: int('RESIDENT_REPORTS_PER_PHONE_DAY', env.RESIDENT_REPORTS_PER_PHONE_DAY, 5),
    volunteerIdKey: hexKey('VOLUNTEER_ID_KEY', env.VOLUNTEER_ID_KEY),
    ordersPerIpHour: int('ORDERS_PER_IP_HOUR', env.ORDERS_PER_IP_HOUR, 10),
  };
}
