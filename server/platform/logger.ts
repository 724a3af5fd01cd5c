// The server's log: JSON lines for machines, or human-readable lines
// (pino-pretty, written synchronously so they stay in order) when the console
// is a terminal. LOG_FORMAT=json|pretty (config.ts) overrides the guess. Requests are
// logged once each, when answered (app.ts), never on arrival as well.
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/** pretty on a terminal, json otherwise (a file, a pipe, a CI log), unless LOG_FORMAT says. */
export function logFormat(configured: LogFormat | null, tty = !!process.stdout.isTTY): LogFormat {
  return configured ?? (tty ? 'pretty' : 'json');
}

export function createLogger(level = process.env.LOG_LEVEL || 'info', opts: { format?: LogFormat | null; stream?: DestinationStream } = {}) {
  const options = { level, base: { app: 'chuangcheng' }, redact: ['req.headers.cookie', 'password', 'newPassword'] };
  if (opts.stream) return pino(options, opts.stream);
  if (logFormat(opts.format ?? null) === 'json') return pino(options);
  return pino(
    options,
    pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app,reqId,method,url,status,ms', singleLine: true }),
  );
}
export type Logger = ReturnType<typeof createLogger>;

/** The start-up lines a person must not miss (the address, a one-time password), framed on a terminal. */
export function banner(lines: string[], tty = !!process.stdout.isTTY): string {
  if (!tty) return `\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`;
  const rule = '━'.repeat(56);
  return `\n\x1b[1;31m${rule}\x1b[0m\n${lines.map((l) => `  \x1b[1m${l}\x1b[0m`).join('\n')}\n\x1b[1;31m${rule}\x1b[0m\n\n`;
}

/** A fatal start-up problem: one clear line with a code, then a non-zero exit. */
export class StartupError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}
