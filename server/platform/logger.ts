import pino from 'pino';

export function createLogger(level = process.env.LOG_LEVEL || 'info') {
  return pino({ level, base: { app: 'chuangcheng' }, redact: ['req.headers.cookie', 'password', 'newPassword'] });
}
export type Logger = ReturnType<typeof createLogger>;

/** A fatal start-up problem: one clear line with a code, then a non-zero exit. */
export class StartupError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}
