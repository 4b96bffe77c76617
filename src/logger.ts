import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino) on stdout; secrets never logged. */
export function createLogger(level: string, name = 'kompetencebot'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['*.password', '*.BOT_PASSWORD', 'req.headers.authorization', 'headers.authorization'], remove: true },
  });
}
