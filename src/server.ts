import { createHash, timingSafeEqual } from 'node:crypto';
import restify from 'restify';
import { z } from 'zod';
import type { Logger } from './logger';

export interface ServerDeps {
  logger: Logger;
  /** Hands one Bot Framework activity to the bot (src/bot owns the SDK). */
  handleMessages(req: restify.Request, res: restify.Response): Promise<void>;
  /** Resolves when storage answers; rejects otherwise. */
  checkStorage(): Promise<void>;
  /** Export downloads (GET /api/exports/<signed token>); off without it. */
  downloadExport?(token: string): Promise<{ status: 200; file: { fileName: string; contentType: string; body: Buffer } } | { status: number; message: string }>;
  /** The job trigger; POST /api/jobs/run is off without it. */
  jobs?: {
    key: string;
    /** Runs everything due at `now` and says what it did. */
    runDue(now: Date): Promise<unknown>;
    /** Local mode only: a caller may say what time it is (tests move the clock of a running bot). */
    allowNowOverride: boolean;
    clock: () => Date;
  };
}

/** Compares secrets in constant time (of the digests, so the length leaks nothing either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The key from `Authorization: Bearer <key>` or `x-jobs-key: <key>`. */
function presentedKey(req: restify.Request): string | undefined {
  const authorization = req.header('authorization');
  const bearer = authorization ? /^Bearer\s+(.+)$/i.exec(authorization)?.[1] : undefined;
  return bearer ?? req.header('x-jobs-key') ?? undefined;
}

const jobsRunBody = z.object({ now: z.string().datetime({ offset: true }).optional() }).strict();

/** restify: POST /api/messages, GET /healthz and (with a key) POST /api/jobs/run. */
export function createServer(deps: ServerDeps): restify.Server {
  // maxParamLength reaches restify's router (find-my-way; default 100): export links are longer.
  // restify logs through our logger (its level, and no export token in a URL: src/logger.ts).
  const server = restify.createServer({ name: 'kompetencebot', log: deps.logger, handleUncaughtExceptions: false, maxParamLength: 4096 } as unknown as restify.ServerOptions);
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    try {
      await deps.handleMessages(req, res);
    } catch (error) {
      deps.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500);
    }
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await deps.checkStorage();
      res.send(200, { status: 'ok' });
    } catch (error) {
      deps.logger.warn({ err: error }, 'health check: storage unreachable');
      res.send(503, { status: 'storage unreachable' });
    }
  });
  const download = deps.downloadExport;
  if (download) {
    server.get('/api/exports/:token', async (req: restify.Request, res: restify.Response) => {
      const token = String((req.params as Record<string, unknown>).token ?? '');
      try {
        const outcome = await download(token);
        // Personal data: never cached by a browser or a proxy; the link (a key to the file) is
        // never sent on as a Referer by whatever the browser opens next.
        const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
        if (outcome.status !== 200 || !('file' in outcome)) {
          res.sendRaw(outcome.status, 'message' in outcome ? outcome.message : '', { ...common, 'content-type': 'text/plain; charset=utf-8' });
          return;
        }
        res.sendRaw(200, outcome.file.body, {
          ...common, 'content-type': outcome.file.contentType, 'content-disposition': `attachment; filename="${outcome.file.fileName}"`,
        });
      } catch (error) {
        deps.logger.error({ err: error }, 'export failed');
        res.sendRaw(500, 'Eksporten mislykkedes. / The export failed.', { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      }
    });
  }
  const jobs = deps.jobs;
  if (jobs) {
    // For an external timer (Azure Functions, Logic Apps) to drive the same runDue as the tick.
    server.post('/api/jobs/run', async (req: restify.Request, res: restify.Response) => {
      const key = presentedKey(req);
      if (!key || !sameSecret(key, jobs.key)) {
        res.send(401, { error: 'a valid jobs key is required (Authorization: Bearer <JOBS_KEY>)' });
        return;
      }
      const body = jobsRunBody.safeParse(req.body ?? {});
      if (!body.success || (body.data.now && !jobs.allowNowOverride)) {
        res.send(400, { error: body.success ? '"now" is accepted only when APP_ENV=local' : 'the body may hold only { "now": "<ISO time>" }' });
        return;
      }
      try {
        const now = body.data.now ? new Date(body.data.now) : jobs.clock();
        res.send(200, { now: now.toISOString(), report: await jobs.runDue(now) });
      } catch (error) {
        deps.logger.error({ err: error }, 'jobs run failed');
        res.send(500, { error: 'the run failed; see the log' });
      }
    });
  }
  return server;
}
