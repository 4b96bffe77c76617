import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { LocalizedText } from './i18n';
import {
  type Department,
  type Organisation,
  type Person,
  departmentIdSchema,
  entraObjectIdSchema,
  findParentCycle,
} from './org';

/**
 * The organisation file HR imports: one CSV (comma or semicolon separated, UTF-8, header row),
 * one row per department and one per person:
 *
 *   type,id,name,email,department,parent,job_group,leader_of,hr_admin
 *   department,hjemmeplejen,Hjemmeplejen Nord,,,social-sundhed,,,
 *   person,6f1c…,Mette Jensen,mette@kommune.dk,hjemmeplejen,,SOSU-assistent,,nej
 *
 * `type` is department/afdeling or person/medarbejder; `leader_of` lists department ids separated
 * by spaces; `hr_admin` is ja/nej (yes/no, true/false, 1/0, or empty for no); `language` (optional)
 * is da/en (dansk/engelsk) when HR knows the person's language, else empty. The MED columns
 * (optional): `med_udvalg` lists the areas (department ids, each with what lies below it) whose
 * local MED-udvalg the person sits in, `hovedudvalg` is ja/nej, and `tr_for` lists the departments
 * the person is tillidsrepræsentant of.
 */
export const orgColumns = [
  'type', 'id', 'name', 'email', 'department', 'parent', 'job_group', 'leader_of', 'hr_admin', 'language', 'med_udvalg', 'hovedudvalg', 'tr_for',
] as const;
const requiredColumns = ['type', 'id', 'name'] as const;
export const maxOrgRows = 200_000;

export interface ImportProblem {
  /** 1-based line in the file; 0 for the file as a whole. */
  line: number;
  message: LocalizedText;
}

export type OrgImportResult = { ok: true; organisation: Organisation } | { ok: false; problems: ImportProblem[] };

const yes = new Set(['ja', 'yes', 'true', '1', 'j', 'y']);
const no = new Set(['nej', 'no', 'false', '0', 'n', '']);

const languageWords = new Map<string, 'da' | 'en'>([
  ['da', 'da'], ['dansk', 'da'], ['danish', 'da'], ['en', 'en'], ['engelsk', 'en'], ['english', 'en'],
]);

const rowTypeSchema = z.string().trim().toLowerCase().pipe(z.enum(['department', 'afdeling', 'person', 'medarbejder']));

function problem(line: number, da: string, en: string): ImportProblem {
  return { line, message: { da, en } };
}

function describeIssues(error: z.ZodError): { da: string; en: string } {
  const fields = error.issues.map((issue) => `${issue.path.join('.') || 'værdi'}: ${issue.message}`);
  const fieldsEn = error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`);
  return { da: `ugyldige felter (${fields.join('; ')})`, en: `invalid fields (${fieldsEn.join('; ')})` };
}

const departmentRowSchema = z.object({
  id: departmentIdSchema,
  name: z.string().trim().min(1, 'mangler / missing').max(200),
  parent: z.string().trim().transform((v) => v || undefined).pipe(departmentIdSchema.optional()),
});

/** Department ids separated by spaces (empty: none). */
const departmentList = z
  .string()
  .trim()
  .transform((v) => (v ? v.split(/\s+/) : []))
  .pipe(z.array(departmentIdSchema));

const yesNo = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => yes.has(v) || no.has(v), 'ja/nej')
  .transform((v) => yes.has(v));

const personRowSchema = z.object({
  id: entraObjectIdSchema,
  name: z.string().trim().min(1, 'mangler / missing').max(200),
  email: z.string().trim().email(),
  department: departmentIdSchema,
  job_group: z.string().trim().max(100).transform((v) => v || undefined),
  leader_of: departmentList,
  hr_admin: yesNo,
  med_udvalg: departmentList,
  hovedudvalg: yesNo,
  tr_for: departmentList,
  language: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => v === '' || languageWords.has(v), 'da/en')
    .transform((v) => languageWords.get(v)),
});

/** Parses and validates a whole organisation file. Nothing is returned unless everything is valid. */
export function parseOrganisationCsv(text: string): OrgImportResult {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [',', ';'],
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem(line, `Filen kan ikke læses som CSV: ${detail}`, `The file cannot be read as CSV: ${detail}`)] };
  }
  if (records.length === 0) {
    return { ok: false, problems: [problem(0, 'Filen har ingen rækker under overskriften.', 'The file has no rows below the header.')] };
  }
  if (records.length > maxOrgRows) {
    return { ok: false, problems: [problem(0, `Filen har over ${maxOrgRows} rækker.`, `The file has more than ${maxOrgRows} rows.`)] };
  }
  const header = Object.keys(records[0]!.record);
  const unknown = header.filter((c) => !(orgColumns as readonly string[]).includes(c));
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      missing.length ? `mangler kolonne(r): ${missing.join(', ')}` : '',
      unknown.length ? `ukendte kolonne(r): ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    const partsEn = [
      missing.length ? `missing column(s): ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return {
      ok: false,
      problems: [
        problem(1, `Overskriften er forkert: ${parts.join('; ')}. Kolonnerne er: ${orgColumns.join(', ')}.`,
          `The header is wrong: ${partsEn.join('; ')}. The columns are: ${orgColumns.join(', ')}.`),
      ],
    };
  }

  const problems: ImportProblem[] = [];
  const departments: Array<{ line: number; value: Department }> = [];
  const people: Array<{ line: number; value: Person }> = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const cell = (name: string) => record[name] ?? '';
    const type = rowTypeSchema.safeParse(cell('type'));
    if (!type.success) {
      problems.push(problem(line, `type skal være "department" eller "person", ikke "${cell('type')}".`,
        `type must be "department" or "person", not "${cell('type')}".`));
      continue;
    }
    if (type.data === 'department' || type.data === 'afdeling') {
      const row = departmentRowSchema.safeParse({ id: cell('id'), name: cell('name'), parent: cell('parent') });
      if (!row.success) {
        const d = describeIssues(row.error);
        problems.push(problem(line, `Afdelingen har ${d.da}.`, `The department has ${d.en}.`));
        continue;
      }
      departments.push({ line, value: { id: row.data.id, name: row.data.name, ...(row.data.parent ? { parentId: row.data.parent } : {}) } });
    } else {
      const row = personRowSchema.safeParse({
        id: cell('id'), name: cell('name'), email: cell('email'), department: cell('department'),
        job_group: cell('job_group'), leader_of: cell('leader_of'), hr_admin: cell('hr_admin'), language: cell('language'),
        med_udvalg: cell('med_udvalg'), hovedudvalg: cell('hovedudvalg'), tr_for: cell('tr_for'),
      });
      if (!row.success) {
        const d = describeIssues(row.error);
        problems.push(problem(line, `Personen har ${d.da}.`, `The person has ${d.en}.`));
        continue;
      }
      people.push({
        line,
        value: {
          id: row.data.id, name: row.data.name, email: row.data.email, departmentId: row.data.department,
          ...(row.data.job_group ? { jobGroup: row.data.job_group } : {}),
          leaderOf: row.data.leader_of, hrAdmin: row.data.hr_admin, active: true,
          medAreas: row.data.med_udvalg, hovedudvalg: row.data.hovedudvalg, trFor: row.data.tr_for,
          ...(row.data.language ? { language: row.data.language } : {}),
        },
      });
    }
  }

  const departmentLines = new Map<string, number>();
  for (const { line, value } of departments) {
    const earlier = departmentLines.get(value.id);
    if (earlier !== undefined) {
      problems.push(problem(line, `Afdelingen "${value.id}" står også på linje ${earlier}.`, `Department "${value.id}" is also on line ${earlier}.`));
    } else departmentLines.set(value.id, line);
  }
  const personLines = new Map<string, number>();
  for (const { line, value } of people) {
    const earlier = personLines.get(value.id);
    if (earlier !== undefined) {
      problems.push(problem(line, `Personen ${value.id} står også på linje ${earlier}.`, `Person ${value.id} is also on line ${earlier}.`));
    } else personLines.set(value.id, line);
  }
  for (const { line, value } of departments) {
    if (value.parentId && !departmentLines.has(value.parentId)) {
      problems.push(problem(line, `Overafdelingen "${value.parentId}" findes ikke i filen.`, `Parent department "${value.parentId}" is not in the file.`));
    }
  }
  for (const { line, value } of people) {
    if (!departmentLines.has(value.departmentId)) {
      problems.push(problem(line, `Afdelingen "${value.departmentId}" findes ikke i filen.`, `Department "${value.departmentId}" is not in the file.`));
    }
    const references: Array<[string, readonly string[]]> = [['leader_of', value.leaderOf], ['med_udvalg', value.medAreas], ['tr_for', value.trFor]];
    for (const [column, ids] of references) {
      for (const id of ids) {
        if (!departmentLines.has(id)) {
          problems.push(problem(line, `${column}: afdelingen "${id}" findes ikke i filen.`, `${column}: department "${id}" is not in the file.`));
        }
      }
    }
  }
  const cycle = findParentCycle(departments.map((d) => d.value));
  if (cycle) {
    const line = departmentLines.get(cycle[0]!) ?? 0;
    problems.push(problem(line, `Afdelingerne er deres egen overafdeling i ring: ${cycle.join(' → ')}.`,
      `The departments are each other's parents in a cycle: ${cycle.join(' → ')}.`));
  }

  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, organisation: { departments: departments.map((d) => d.value), people: people.map((p) => p.value) } };
}
