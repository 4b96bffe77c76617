import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * A signed export token (src/domain/exportLink.ts: base64url claims "." a 43-character
 * signature), alone or in a download URL. Whoever holds one can download the file, so none may
 * reach a log: a request's URL, an error's message or stack, or any logged string.
 */
const exportToken = /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const exportPath = /(\/api\/exports\/)[^\s"'?#]+/g;

export function withoutExportTokens(text: string): string {
  return text.replace(exportPath, '$1[redacted]').replace(exportToken, '[redacted]');
}

function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutExportTokens(value);
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: withoutExportTokens(value.message), ...(value.stack ? { stack: withoutExportTokens(value.stack) } : {}) };
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, depth + 1));
  // Requests (restify hands its own to the logger): method and URL only, the URL without a token.
  if ('method' in value && 'url' in value && 'headers' in value) {
    const req = value as { method?: unknown; url?: unknown };
    return { method: req.method, url: typeof req.url === 'string' ? withoutExportTokens(req.url) : req.url };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v, depth + 1)]));
}

/** Structured JSON logs (pino) on stdout; secrets and export tokens never logged. */
export function createLogger(level: string, name = 'kompetencebot'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['*.password', '*.BOT_PASSWORD', 'req.headers.authorization', 'headers.authorization'], remove: true },
    formatters: { log: (object) => scrubbed(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? withoutExportTokens(arg) : arg)) as Parameters<typeof method>);
      },
    },
  });
}
