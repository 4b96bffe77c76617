import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import restify from 'restify';
import './memoryProbe';

/**
 * The framework floor for bench/load.ts: a bare teams-ai Application on the same adapter and
 * server as the bot (TeamsAdapter without auth, restify with the same body parser), no storage.
 * A message is echoed through the connector (like the bot's reply to `forbered MUS`); an
 * Action.Execute gets a small card back in the invoke response (like every preparation step).
 */
const adapter = new TeamsAdapter({});
const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true });
app.adaptiveCards.actionExecute(/.*/, async (context, _state, data: Record<string, unknown>) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: `echo: ${context.activity.value?.action?.verb ?? ''} ${String(data.stepId ?? '')}` }],
}));
app.message(/.*/, async (context) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
});

const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
  await adapter.process(req, res, async (context) => {
    await app.run(context);
  });
});
server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
