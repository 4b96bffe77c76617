import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBot } from '../../scripts/lib/processes';
import { signExportLink } from '../../src/domain/exportLink';
import { demo } from '../support/botHarness';
import { postActivity, startConnectorStub, teamsActivities } from '../support/connectorStub';
import { seededForProcess } from '../support/httpBot';
import type { testRepositories } from '../support/storage';

// An export link is a key to a person's data for fifteen minutes: it never reaches a log (the
// bot's, restify's, an error's), even at LOG_LEVEL=trace, and a download tells the browser not
// to pass it on as a Referer.

let connector: Awaited<ReturnType<typeof startConnectorStub>>;
let repos: Awaited<ReturnType<typeof testRepositories>>;
let bot: Awaited<ReturnType<typeof startBot>> | undefined;
const lines: string[] = [];
const key = 'k'.repeat(40);

beforeAll(async () => {
  let env: Record<string, string>;
  ({ connector, repos, env } = await seededForProcess(inject('storageConnectionString'), { LOG_LEVEL: 'trace', EXPORT_LINK_KEY: key }));
  bot = await startBot({ env, onLog: (line) => lines.push(line) });
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  await repos?.tables.dropTables();
});

describe('export links and the logs', () => {
  it('when Mette asks for her data and downloads it, and links are tampered with, cut or expired, then no log line holds a token, and every answer says no-referrer', async () => {
    const url = `http://127.0.0.1:${bot!.port}`;
    const ask = teamsActivities(connector.serviceUrl, demo.mette).message('mine data');
    expect((await postActivity(url, ask)).status).toBe(200);
    const card = connector.received.find((r) => r.replyToId === ask.id)!.activity.attachments as Array<{ content: { actions: Array<{ type: string; url?: string }> } }>;
    const links = card[0]!.content.actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url!.replace(/^http:\/\/127\.0\.0\.1:\d+/, url));
    expect(links).toHaveLength(2);
    const tokens = links.map((l) => l.slice(l.lastIndexOf('/') + 1));

    for (const link of links) {
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      await response.arrayBuffer();
    }
    const [body, signature] = tokens[0]!.split('.') as [string, string];
    const expired = signExportLink({ v: 1, kind: 'my-data', format: 'json', personId: demo.mette.aadObjectId, subject: '', cycle: '2026', exp: 1 }, key);
    const refused = [
      [`${url}/api/exports/${body}x.${signature}`, 403],
      [`${url}/api/exports/${expired}`, 410],
      [`${url}/api/exports/${tokens[0]}/more`, 404],
      [`${url}/api/exports/${tokens[0]}?x=1`, 200],
    ] as const;
    for (const [link, status] of refused) {
      const response = await fetch(link);
      expect(response.status, link).toBe(status);
      if (status !== 404) expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      await response.arrayBuffer();
    }
    // The connector fails while the links card is on its way: the error (with the request that
    // carried the card) is logged, the links in it are not.
    connector.failNext([500, 500, 500, 500, 500, 500, 500, 500]);
    expect((await postActivity(url, teamsActivities(connector.serviceUrl, demo.mette).message('mine data'))).status).toBeLessThan(600);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines.some((line) => line.includes('turn failed'))).toBe(true);

    expect(lines.length).toBeGreaterThan(5);
    const secrets = [...tokens, signature, expired, expired.split('.')[1]!];
    const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)) || /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}/.test(line));
    expect(leaks).toEqual([]);
  }, 120_000);
});
