import restify from 'restify';
import type { Logger } from './logger';

export interface ServerDeps {
  logger: Logger;
  /** Hands one Bot Framework activity to the bot (src/bot owns the SDK). */
  handleMessages(req: restify.Request, res: restify.Response): Promise<void>;
  /** Resolves when storage answers; rejects otherwise. */
  checkStorage(): Promise<void>;
}

/** restify: POST /api/messages and GET /healthz. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'kompetencebot', handleUncaughtExceptions: false });
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
  return server;
}
