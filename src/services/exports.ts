import { assertAllowed, isAllowed } from '../domain/authorization';
import type { DomainData } from '../domain/catalogue';
import { NotAllowedError, NotFoundError, NotRegisteredError } from '../domain/errors';
import { type Cell, type ExportFormat, type ExportKind, type ExportLink, type Sheet, signExportLink, verifyExportLink } from '../domain/exportLink';
import type { Locale } from '../domain/i18n';
import { planStatus } from '../domain/plan';
import { toCsv, toXlsx } from '../export/files';
import type { Repositories } from '../storage';
import { runLimited } from '../storage/orgRepository';
import { subjectOf } from './department';
import { type GapLine, gapSummary, municipalityFigures } from './gaps';
import { formatterFor } from '../domain/format';
import { type Member, requireMember } from './identity';
import { identifiersOf } from './erasure';
import { openPlan } from './plan';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The formats each export is offered in. */
export const formatsOf: Record<ExportKind, readonly ExportFormat[]> = {
  'department-gaps': ['xlsx', 'csv'],
  municipality: ['xlsx', 'csv'],
  'department-plans': ['xlsx', 'csv'],
  'my-data': ['json', 'xlsx'],
};

/**
 * Whether the member may have this export now (asked when the link is made, and again when it is
 * opened): a department's gaps and plans for its leaders (gaps also for HR), the municipality's
 * figures for HR, one's own data for oneself.
 */
export async function assertMayExport(repos: Repositories, member: Member, kind: ExportKind, subject: string): Promise<void> {
  const who = await subjectOf(repos, member);
  switch (kind) {
    case 'department-gaps':
      if (!isAllowed(who, { action: 'view-municipality-aggregates' })) assertAllowed(who, { action: 'view-department-status', departmentId: subject });
      break;
    case 'department-plans':
      assertAllowed(who, { action: 'view-department-status', departmentId: subject });
      break;
    case 'municipality':
      assertAllowed(who, { action: 'view-municipality-aggregates' });
      break;
    case 'my-data':
      break;
  }
}

const slug = (text: string) => text.normalize('NFKD').replace(/æ/gi, 'ae').replace(/ø/gi, 'oe').replace(/å/gi, 'aa').replace(/[^\w-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'eksport';
const round = (n: number | undefined) => (n === undefined ? '' : Math.round(n * 100) / 100);

const gapColumns = (locale: Locale, levels: number) => locale === 'da'
  ? ['Kompetence', 'Ønsket niveau', 'Nuværende niveau (egne vurderinger)', 'Gab', 'Udvikling siden sidste år', 'Lederens vurdering', 'Antal svar', ...Array.from({ length: levels }, (_, i) => `Niveau ${i + 1}`), 'Tal fra', 'Bemærkning']
  : ['Competence', 'Desired level', 'Present level (self-ratings)', 'Gap', 'Change since last year', "Leaders' rating", 'Answers', ...Array.from({ length: levels }, (_, i) => `Level ${i + 1}`), 'Figures from', 'Note'];

/** One competence's row: the released figures, exactly as on the card; none where none is released. */
function gapRow(line: GapLine, locale: Locale, levels: number, hiddenNote: string, timeZone: string): Cell[] {
  const f = line.figure;
  if (!f) return [line.competence.name[locale], '', '', '', '', '', '', ...Array.from({ length: levels }, () => ''), '', hiddenNote];
  return [
    line.competence.name[locale], round(f.desired), round(f.self.mean), round(f.gap), round(f.trend), round(f.leader?.mean), f.self.respondents,
    ...Array.from({ length: levels }, (_, i) => f.self.distribution[i] ?? 0), formatterFor(locale, timeZone).dateTime(f.since), '',
  ];
}

async function sheetsOf(repos: Repositories, data: DomainData, member: Member, link: ExportLink, threshold: number): Promise<{ name: string; sheets: Sheet[] } | { name: string; json: unknown }> {
  const locale = member.locale;
  const levels = data.competenceModel.scale.levels.length;
  const hidden = locale === 'da' ? `Ingen tal udgivet (for få svar, under ${threshold}, eller de ville kunne pege på nogen)` : `No figures published (too few answers, under ${threshold}, or they could point at someone)`;
  const timeZone = data.aarshjul.timezone;
  switch (link.kind) {
    case 'department-gaps': {
      const summary = await gapSummary(repos, data, member, link.subject, link.cycle, threshold);
      return {
        name: `${locale === 'da' ? 'kompetencegab' : 'competence-gaps'}-${summary.name}-${link.cycle}`,
        sheets: [{ name: summary.name, columns: gapColumns(locale, levels), rows: summary.lines.map((l) => gapRow(l, locale, levels, hidden, timeZone)) }],
      };
    }
    case 'municipality': {
      const { units } = await municipalityFigures(repos, data, member, link.cycle);
      const unitName = (name: string) => name || (locale === 'da' ? 'Hele kommunen' : 'The whole municipality');
      const columns = [locale === 'da' ? 'Afdeling' : 'Department', locale === 'da' ? 'Har vurderet sig selv' : 'Rated themselves', ...gapColumns(locale, levels)];
      const rows = units.flatMap((u) => u.lines.map((l) => [unitName(u.name), u.answered, ...gapRow(l, locale, levels, hidden, timeZone)]));
      return { name: `${locale === 'da' ? 'kommunen' : 'municipality'}-${link.cycle}`, sheets: [{ name: locale === 'da' ? 'Kommunen' : 'Municipality', columns, rows }] };
    }
    case 'department-plans': {
      const department = await repos.org.getDepartment(link.subject);
      if (!department) throw new NotFoundError(`department ${link.subject}`);
      const ids = (await repos.org.listMemberIds(link.subject)).filter((id) => id !== member.person.id.toLowerCase());
      const rows: Cell[][] = [];
      const name = (id: string) => data.activityCatalogue.activities.find((a) => a.id === id)?.name[locale] ?? id;
      const competence = (id: string) => data.competenceModel.competences.find((c) => c.id === id)?.name[locale] ?? id;
      const byPerson = new Map<string, Cell[][]>();
      await runLimited(ids, 8, async (id) => {
        const person = await repos.org.getPerson(id);
        if (!person?.active) return;
        // Opening each plan checks access and writes the read to the audit log.
        const view = await openPlan(repos, member, id, link.cycle);
        const status = planStatus(view.stored.plan);
        const state = status.kind === 'approved' ? (locale === 'da' ? 'Godkendt' : 'Approved') : (locale === 'da' ? 'Kladde' : 'Draft');
        const out: Cell[][] = [];
        view.stored.plan.goals.forEach((goal, g) => {
          const actions = goal.actions.length ? goal.actions : [undefined];
          for (const action of actions) {
            const effect = action ? view.stored.effects.get(action.id) : undefined;
            out.push([
              person.name, state, view.stored.plan.approvedVersion, g + 1, competence(goal.competenceId), goal.goal, goal.evaluation,
              action ? name(action.activityId) : '', action ? { date: action.start } : '', action ? { date: action.end } : '', action?.responsible ?? '', action?.note ?? '',
              effect ? `${effect.outcome}: ${effect.use}` : '',
            ]);
          }
        });
        if (out.length === 0) out.push([person.name, locale === 'da' ? 'Ingen plan endnu' : 'No plan yet', 0, '', '', '', '', '', '', '', '', '', '']);
        byPerson.set(person.name, out);
      });
      for (const key of [...byPerson.keys()].sort((a, b) => a.localeCompare(b, 'da'))) rows.push(...byPerson.get(key)!);
      const columns = locale === 'da'
        ? ['Medarbejder', 'Status', 'Godkendt version', 'Mål nr.', 'Kompetence', 'Mål', 'Evaluering', 'Aktivitet', 'Start', 'Slut', 'Ansvarlig', 'Note', 'Effekt']
        : ['Employee', 'Status', 'Approved version', 'Goal no.', 'Competence', 'Goal', 'Evaluation', 'Activity', 'Start', 'End', 'Responsible', 'Note', 'Effect'];
      return { name: `${locale === 'da' ? 'udviklingsplaner' : 'development-plans'}-${department.name}-${link.cycle}`, sheets: [{ name: department.name, columns, rows }] };
    }
    case 'my-data': {
      const person = member.person;
      const rows = await repos.erasure.rowsOf(await identifiersOf(repos, person));
      return { name: `${locale === 'da' ? 'mine-data' : 'my-data'}-${new Date().toISOString().slice(0, 10)}`, json: { exportedAt: new Date().toISOString(), person, rows } };
    }
  }
}

/** The export file a checked link asks for, made now from storage with the member's access now. */
export async function buildExport(repos: Repositories, data: DomainData, member: Member, link: ExportLink, threshold: number): Promise<ExportFile> {
  await assertMayExport(repos, member, link.kind, link.subject);
  const made = await sheetsOf(repos, data, member, link, threshold);
  const base = slug(made.name);
  if ('json' in made) {
    if (link.format === 'json') return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(made.json, null, 2), 'utf8') };
    // The same rows, one sheet per table, for reading in Excel.
    const rows = (made.json as { rows: Array<{ table: string; partitionKey: string; rowKey: string; fields: Record<string, unknown> }> }).rows;
    const tables = [...new Set(rows.map((r) => r.table))];
    const sheets = tables.map((table): Sheet => {
      const own = rows.filter((r) => r.table === table);
      const fields = [...new Set(own.flatMap((r) => Object.keys(r.fields)))];
      const cell = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v)).toString().slice(0, 32_000);
      return { name: table, columns: ['partitionKey', 'rowKey', ...fields], rows: own.map((r) => [r.partitionKey, r.rowKey, ...fields.map((f) => cell(r.fields[f]))]) };
    });
    return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(sheets, member.locale) };
  }
  if (link.format === 'csv') return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(made.sheets, member.locale) };
  return { fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(made.sheets, member.locale) };
}

export type DownloadOutcome = { status: 200; file: ExportFile } | { status: 403 | 404 | 410; message: string };

const refusal = {
  invalid: 'Linket er ikke gyldigt. / This link is not valid.',
  expired: 'Linket er udløbet – bed Kompetencebot om et nyt. / This link has expired – ask Kompetencebot for a new one.',
  denied: 'Du har ikke adgang til denne eksport. / You do not have access to this export.',
  missing: 'Det, linket peger på, findes ikke længere. / What this link points to no longer exists.',
};

/**
 * Opens a download link: the signature and expiry first, then the person as they are now (still
 * registered, still allowed), then the file. Any refusal is a short bilingual sentence.
 */
export async function downloadExport(
  repos: Repositories, data: DomainData, token: string, key: string, threshold: number, now: Date,
): Promise<DownloadOutcome> {
  const checked = verifyExportLink(token, key, now);
  if (!checked.ok) return checked.reason === 'expired' ? { status: 410, message: refusal.expired } : { status: 403, message: refusal.invalid };
  try {
    const member = await requireMember(repos, checked.link.personId, undefined);
    return { status: 200, file: await buildExport(repos, data, member, checked.link, threshold) };
  } catch (error) {
    if (error instanceof NotRegisteredError || error instanceof NotAllowedError) return { status: 403, message: refusal.denied };
    if (error instanceof NotFoundError) return { status: 404, message: refusal.missing };
    throw error;
  }
}

/** A signed link for the member to download an export in a format, valid for `minutes`. */
export function exportUrl(base: string, key: string, member: Member, kind: ExportKind, subject: string, cycle: string, format: ExportFormat, minutes: number, now: Date): string {
  const token = signExportLink({ v: 1, kind, format, personId: member.person.id, subject, cycle, exp: Math.floor(now.getTime() / 1000) + minutes * 60 }, key);
  return `${base}/api/exports/${token}`;
}
