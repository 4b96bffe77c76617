import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DomainDataError, loadDomainData } from '../../src/data/loadDomainData';
import {
  activitiesForGroups,
  competencesFor,
  defaultQuestionSet,
  domainDataFiles,
  groupsWithCompetences,
  validateDomainData,
  type DomainData,
  type DomainDataInput,
  type DomainDataPart,
} from '../../src/domain/catalogue';
import { defaultDataDir } from '../../src/paths';

// The shipped files as plain JSON, to be copied and broken in the tests below.
async function readShipped(): Promise<Record<DomainDataPart, any>> {
  const entries = await Promise.all(
    (Object.keys(domainDataFiles) as DomainDataPart[]).map(async (part) => {
      const content = await readFile(path.join(defaultDataDir, domainDataFiles[part]), 'utf8');
      return [part, JSON.parse(content)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<DomainDataPart, any>;
}

function problemsOf(raw: DomainDataInput): string[] {
  const result = validateDomainData(raw);
  if (result.ok) throw new Error('expected the data to be rejected, but it was accepted');
  return result.problems;
}

/** Every {da, en} object in a JSON value, with its path. */
function localizedTexts(value: unknown, at = ''): { path: string; text: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${at}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if ('da' in record || 'en' in record) return [{ path: at, text: record }];
  return Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${at}.${key}`));
}

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');

let shipped: DomainData;
let shippedRaw: Record<DomainDataPart, any>;

beforeAll(async () => {
  shipped = await loadDomainData();
  shippedRaw = await readShipped();
});

describe('the shipped domain data', () => {
  it('when the bot starts with the default data directory, then all four files load and validate', async () => {
    const data = await loadDomainData(defaultDataDir);
    expect(data.competenceModel.schemaVersion).toBe(1);
    expect(data.competenceModel.version).toMatch(/^fredericia-/);
    expect(data.activityCatalogue.activities.length).toBeGreaterThan(0);
    expect(data.aarshjul.milestones.length).toBeGreaterThan(0);
    expect(data.questionBank.themes.length).toBeGreaterThan(0);
  });

  it('when the data is loaded, then it cannot be changed by accident', () => {
    expect(Object.isFrozen(shipped.competenceModel.competences)).toBe(true);
    expect(Object.isFrozen(shipped.competenceModel.competences[0]?.name)).toBe(true);
  });

  it('when the competence model is read, then it has Fredericia\'s 9 employee competences in three groups with their Danish names', () => {
    const groups = groupsWithCompetences(shipped.competenceModel, 'employee');
    expect(groups.map((group) => [group.id, group.name.da, group.competences.map((c) => c.name.da)])).toEqual([
      ['udvikling', 'Udvikling', ['Forandringskompetence', 'Innovationskompetence', 'Lærings- og videndelingskompetence']],
      ['kultur', 'Kultur', ['Samarbejdskompetence', 'Selvledelseskompetence', 'Kommunikationskompetence']],
      ['resultater', 'Resultater', ['Faglig kompetence', 'Servicekompetence', 'Resultatskabende kompetence']],
    ]);
    expect(competencesFor(shipped.competenceModel, 'employee')).toHaveLength(9);
  });

  it('when the competence model is read, then it has the 10 leader competences in the same three groups', () => {
    const groups = groupsWithCompetences(shipped.competenceModel, 'leader');
    expect(groups.map((group) => [group.id, group.competences.map((c) => c.name.da)])).toEqual([
      ['udvikling', ['Forandringsledelse', 'Strategisk ledelse', 'Nytænkning og udvikling']],
      [
        'kultur',
        ['Samarbejde på tværs', 'Værdibaseret ledelse', 'Kommunikation', 'Personlig ledelseskraft', 'Organisatorisk forståelse'],
      ],
      ['resultater', ['Kunde- og brugerfokus', 'Resultatorientering']],
    ]);
    expect(competencesFor(shipped.competenceModel, 'leader')).toHaveLength(10);
  });

  it('when a competence is shown, then it has a one-line summary and Hvad/Hvorfor/Hvordan of one to three sentences', () => {
    for (const competence of shipped.competenceModel.competences) {
      for (const locale of ['da', 'en'] as const) {
        expect(competence.short[locale].length, `${competence.id}.short.${locale}`).toBeLessThanOrEqual(140);
        for (const field of ['what', 'why', 'how'] as const) {
          const count = sentences(competence[field][locale]).length;
          expect(count, `${competence.id}.${field}.${locale}`).toBeGreaterThanOrEqual(1);
          expect(count, `${competence.id}.${field}.${locale}`).toBeLessThanOrEqual(3);
        }
      }
    }
  });

  it('when any text is shown, then it exists in both Danish and English', () => {
    const texts = (Object.keys(domainDataFiles) as DomainDataPart[]).flatMap((part) =>
      localizedTexts(shippedRaw[part], domainDataFiles[part]),
    );
    expect(texts.length).toBeGreaterThan(300);
    for (const { path: at, text } of texts) {
      expect(Object.keys(text).sort(), at).toEqual(['da', 'en']);
      expect(typeof text.da === 'string' && text.da.trim() !== '', `${at}.da`).toBe(true);
      expect(typeof text.en === 'string' && text.en.trim() !== '', `${at}.en`).toBe(true);
    }
    expect(texts.some(({ text }) => /[æøå]/.test(String(text.da)))).toBe(true);
  });

  it('when an employee rates a competence, then the scale offers five worded levels and "not relevant"', () => {
    const { scale } = shipped.competenceModel;
    expect(scale.levels.map((level) => level.value)).toEqual([1, 2, 3, 4, 5]);
    expect(scale.levels.map((level) => level.label.da)).toEqual([
      'Ikke endnu',
      'Begynder',
      'Selvstændig',
      'Erfaren',
      'Kan lære andre',
    ]);
    expect(scale.levels.map((level) => level.label.en)).toEqual([
      'Not yet',
      'Beginner',
      'Independent',
      'Experienced',
      'Can teach others',
    ]);
    for (const level of scale.levels) expect(level.description.da).not.toMatch(/^\d+$/);
    expect(scale.notRelevant).toEqual({ da: 'Ikke relevant', en: 'Not relevant' });
  });

  it('when a plan is made, then the catalogue offers every activity of the idékatalog, both on the job and as courses and education', () => {
    const names = shipped.activityCatalogue.activities.map((activity) => activity.name.da);
    expect(names).toEqual([
      'Sidemandsoplæring',
      'Jobrotation og jobbytte',
      'Deltagelse i projekter og særlige opgaver',
      'Netværk og ERFA-grupper',
      'Sparring',
      'Supervision',
      'Mentorordning',
      'Lærende møder',
      'Temadage',
      'Gå-hjem-møder',
      'Interne kurser',
      'Eksterne kurser og AMU',
      'Efter- og videreuddannelse',
      'E-læring',
      'Selvstudier',
      'Besøg på andre arbejdspladser',
      'Studieture',
      'Opgaveændringer',
    ]);
    const forms = new Set(shipped.activityCatalogue.activities.map((activity) => activity.form));
    expect([...forms].sort()).toEqual(['course', 'education', 'on-the-job', 'self-study']);
  });

  it('when activities are suggested for the largest gaps, then those fitting the first group come first', () => {
    const suggestions = activitiesForGroups(shipped.activityCatalogue, ['kultur', 'resultater']);
    const rank = (groups: readonly string[]) => (groups.includes('kultur') ? 0 : 1);
    const ranks = suggestions.map((activity) => rank(activity.suitsGroups));
    expect(ranks).toEqual([...ranks].sort());
    expect(suggestions.every((a) => a.suitsGroups.includes('kultur') || a.suitsGroups.includes('resultater'))).toBe(true);
    expect(suggestions.map((a) => a.id)).not.toContain('studieture'); // suits only udvikling
    expect(activitiesForGroups(shipped.activityCatalogue, [])).toEqual([]);
  });

  it('when the year begins, then the årshjul holds the eight steps of the cycle in date order', () => {
    const { aarshjul } = shipped;
    expect(aarshjul.timezone).toBe('Europe/Copenhagen');
    expect(aarshjul.milestones.map((milestone) => milestone.kind)).toEqual([
      'profile-review',
      'mus-season-opens',
      'preparation-deadline',
      'mus-held',
      'action-plan-due',
      'mid-year-follow-up',
      'med-discussion', // step 7: the local MED-udvalg first,
      'hovedudvalg-discussion', // then Hovedudvalget
      'lederforum-evaluation',
    ]);
    const dayOfYear = aarshjul.milestones.map((m) => m.date.month * 100 + m.date.day);
    expect(dayOfYear).toEqual([...dayOfYear].sort((a, b) => a - b));
    expect(new Set(dayOfYear).size).toBe(dayOfYear.length);
    for (const milestone of aarshjul.milestones) {
      expect(milestone.audience.length, milestone.id).toBeGreaterThan(0);
      expect(milestone.message.da.length, milestone.id).toBeGreaterThan(40);
    }
    const season = aarshjul.milestones.find((m) => m.kind === 'mus-season-opens');
    expect(season?.date.month).toBeGreaterThanOrEqual(2);
    expect(season?.date.month).toBeLessThanOrEqual(3);
  });

  it('when an employee prepares for MUS, then the default set walks the six preparation themes in order', () => {
    const mus = defaultQuestionSet(shipped.questionBank, 'employee');
    expect(mus.map((theme) => theme.id)).toEqual([
      'looking-back',
      'tasks-wellbeing',
      'collaboration-leadership',
      'future-ambitions',
      'learning-preferences',
      'development-goals',
    ]);
    for (const theme of mus) {
      expect(theme.questions.length, theme.id).toBeGreaterThanOrEqual(3);
      expect(theme.questions.length, theme.id).toBeLessThanOrEqual(6);
    }
  });

  it('when a leader prepares for LUS or a team for GRUS, then their sets have their own themes', () => {
    const lus = defaultQuestionSet(shipped.questionBank, 'leader').map((theme) => theme.id);
    expect(lus).toContain('leadership-role');
    expect(lus).toContain('leader-support');
    expect(lus.at(-1)).toBe('development-goals');
    const grus = defaultQuestionSet(shipped.questionBank, 'group');
    expect(grus.map((theme) => theme.id)).toEqual(['team-collaboration', 'team-goals']);
    expect(grus.flatMap((theme) => theme.questions).some((question) => question.kind !== 'text')).toBe(true);
  });

  it('when learning preferences are asked, then the learning forms are catalogue activities and the zones are offered', () => {
    const theme = shipped.questionBank.themes.find((t) => t.id === 'learning-preferences');
    const forms = theme?.questions.find((q) => q.id === 'learning-forms');
    const zone = theme?.questions.find((q) => q.id === 'learning-zone');
    if (forms?.kind !== 'multi-choice' || zone?.kind !== 'choice') throw new Error('learning questions missing');
    const activityIds = shipped.activityCatalogue.activities.map((activity) => activity.id);
    for (const choice of forms.choices) expect(activityIds, choice.id).toContain(choice.id);
    const formsOffered = new Set(
      forms.choices.map((choice) => shipped.activityCatalogue.activities.find((a) => a.id === choice.id)?.form),
    );
    expect(formsOffered.has('on-the-job') && formsOffered.has('course')).toBe(true);
    expect(zone.choices.map((choice) => choice.id)).toEqual(['comfort', 'stretch', 'alarm']);
    expect(zone.choices.map((choice) => choice.label.da).join(' ')).toMatch(/Komfortzonen.*Strækzonen.*Alarmzonen/);
  });

  it('when a text question sets no limit, then answers are capped at 2000 characters', () => {
    const proud = shipped.questionBank.themes[0]?.questions.find((q) => q.id === 'looking-back-proud');
    expect(proud?.kind === 'text' && proud.maxLength).toBe(2000);
  });
});

describe('a municipality\'s own domain data', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function dataDirWith(files: Partial<Record<DomainDataPart, unknown>>): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), 'kompetencebot-data-'));
    for (const part of Object.keys(domainDataFiles) as DomainDataPart[]) {
      const value = part in files ? files[part] : shippedRaw[part];
      if (value === undefined) continue;
      const content = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
      await writeFile(path.join(dir, domainDataFiles[part]), content, 'utf8');
    }
    return dir;
  }

  const text = (da: string, en: string) => ({ da, en });
  const competence = (id: string, groupId: string, da: string, en: string, extra: object = {}) => ({
    id,
    groupId,
    audience: 'employee',
    name: text(da, en),
    short: text(`Kort om ${da.toLowerCase()}.`, `In short: ${en.toLowerCase()}.`),
    what: text('Hvad den består i.', 'What it is.'),
    why: text('Hvorfor den er vigtig.', 'Why it matters.'),
    how: text('Hvordan den udvikles.', 'How to develop it.'),
    ...extra,
  });

  it('when a municipality points the bot at its own model with other groups and a professional competence, then it loads without any code change', async () => {
    const model = {
      schemaVersion: 1,
      version: 'sydby-2026.1',
      name: text('Sydby Kommunes kompetencemodel', "Sydby Municipality's competence model"),
      scale: {
        levels: [
          { value: 1, label: text('Lidt', 'A little'), description: text('Kender lidt til det.', 'Knows a little.') },
          { value: 2, label: text('Noget', 'Some'), description: text('Kan det meste.', 'Can do most of it.') },
          { value: 3, label: text('Meget', 'A lot'), description: text('Kan det hele.', 'Can do all of it.') },
        ],
        notRelevant: text('Ikke relevant', 'Not relevant'),
      },
      groups: [
        { id: 'borgeren', name: text('Borgeren i centrum', 'Citizen first'), description: text('Om borgeren.', 'About citizens.') },
        { id: 'faglighed', name: text('Faglighed', 'Expertise'), description: text('Om faget.', 'About the profession.') },
      ],
      competences: [
        competence('borgerdialog', 'borgeren', 'Borgerdialog', 'Dialogue with citizens'),
        competence('medicinhaandtering', 'faglighed', 'Medicinhåndtering', 'Medication handling', { professional: true }),
      ],
    };
    const catalogue = {
      schemaVersion: 1,
      version: 'sydby-2026.1',
      activities: [
        {
          id: 'medicinkursus',
          name: text('Kursus i medicinhåndtering', 'Medication handling course'),
          description: text('Et AMU-kursus.', 'An AMU course.'),
          form: 'course',
          suitsGroups: ['faglighed'],
          suitsCompetences: ['medicinhaandtering'],
        },
      ],
    };
    const loaded = await loadDomainData(await dataDirWith({ competenceModel: model, activityCatalogue: catalogue }));

    expect(groupsWithCompetences(loaded.competenceModel, 'employee').map((g) => g.name.da)).toEqual([
      'Borgeren i centrum',
      'Faglighed',
    ]);
    expect(loaded.competenceModel.competences.find((c) => c.professional)?.name.da).toBe('Medicinhåndtering');
    expect(groupsWithCompetences(loaded.competenceModel, 'leader')).toEqual([]);
    expect(activitiesForGroups(loaded.activityCatalogue, ['faglighed']).map((a) => a.id)).toEqual(['medicinkursus']);
  });

  it('when a file holds invalid JSON, then the error names the file and where the JSON breaks', async () => {
    const broken = JSON.stringify(shippedRaw.aarshjul, null, 2).replace('"timezone": "Europe/Copenhagen",', '"timezone": "Europe/Copenhagen"');
    const error = await loadDomainData(await dataDirWith({ aarshjul: broken })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainDataError);
    const { problems, message } = error as DomainDataError;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^aarshjul\.json: is not valid JSON: .* at line 5, column 3 /);
    expect(message).toContain(problems[0]);
  });

  it('when a file is not JSON at all, then the error still says where', async () => {
    const error = (await loadDomainData(await dataDirWith({ questionBank: '{\n  "themes": [tru]\n}' })).catch(
      (e: unknown) => e,
    )) as DomainDataError;
    expect(error.problems[0]).toBe(
      'question-bank.json: is not valid JSON: Unexpected token \']\' at line 2, column 17 (position 18) near "\\"themes\\": [tru]"',
    );
  });

  it('when a file is missing, then the error names it and the folder it looked in', async () => {
    const dataDir = await dataDirWith({ activityCatalogue: undefined });
    const error = (await loadDomainData(dataDir).catch((e: unknown) => e)) as DomainDataError;
    expect(error).toBeInstanceOf(DomainDataError);
    expect(error.problems).toEqual([
      `activity-catalogue.json: file not found (looked for ${path.join(dataDir, 'activity-catalogue.json')}; the data directory must hold all four files)`,
    ]);
  });

  it('when a file is saved with a byte-order mark, then it still loads', async () => {
    const withBom = `\uFEFF${JSON.stringify(shippedRaw.aarshjul)}`;
    await expect(loadDomainData(await dataDirWith({ aarshjul: withBom }))).resolves.toBeDefined();
  });

  it('when the data has problems, then the error message lists every problem on its own line', async () => {
    const model = structuredClone(shippedRaw.competenceModel);
    model.competences[0].groupId = 'kulture';
    model.scale.levels[2].value = 4;
    const error = (await loadDomainData(await dataDirWith({ competenceModel: model })).catch(
      (e: unknown) => e,
    )) as DomainDataError;
    expect(error.problems).toHaveLength(2);
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/cannot be used \(2 problems\)/);
    expect(lines.slice(1)).toEqual(error.problems.map((problem) => `- ${problem}`));
  });
});

describe('broken domain data gives readable problems', () => {
  const input = (change: (raw: Record<DomainDataPart, any>) => void): DomainDataInput => {
    const raw = structuredClone(shippedRaw);
    change(raw);
    return raw;
  };

  it('when the shipped data is validated unchanged, then there are no problems', () => {
    expect(validateDomainData(input(() => {})).ok).toBe(true);
  });

  it('when two competences share an id, then the duplicate is pointed out, and so are references to the lost id', () => {
    const problems = problemsOf(input((raw) => (raw.competenceModel.competences[4].id = 'samarbejdskompetence')));
    expect(problems[0]).toBe(
      'competence-model.json: competences[4].id "samarbejdskompetence" is used twice (first at competences[3])',
    );
    expect(problems).toContain(
      'activity-catalogue.json: activities[4].suitsCompetences[0] "selvledelseskompetence" is not a competence in competence-model.json',
    );
  });

  it('when a file has a shape problem, then its cross-references wait until the shape is right', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.competenceModel.competences[0].groupId = 'kulture';
        delete raw.competenceModel.competences[1].what.en;
      }),
    );
    expect(problems).toEqual(['competence-model.json: competences[1].what.en is missing']);
  });

  it('when a competence names an unknown group, then the known groups are listed', () => {
    const problems = problemsOf(input((raw) => (raw.competenceModel.competences[3].groupId = 'kulture')));
    expect(problems).toEqual([
      'competence-model.json: competences[3].groupId "kulture" is not a group (known: udvikling, kultur, resultater)',
    ]);
  });

  it('when a text has no English, then the path to it is given', () => {
    const problems = problemsOf(input((raw) => delete raw.competenceModel.competences[2].name.en));
    expect(problems).toEqual(['competence-model.json: competences[2].name.en is missing']);
  });

  it('when a text is empty or a field is misspelt, then each is reported', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.activityCatalogue.activities[0].description.da = '  ';
        raw.activityCatalogue.activities[1].sutsGroups = ['kultur'];
      }),
    );
    expect(problems).toEqual([
      'activity-catalogue.json: activities[0].description.da must not be empty',
      'activity-catalogue.json: activities[1] has unknown field "sutsGroups" (check the spelling)',
    ]);
  });

  it('when an id is not kebab-case or an enum is wrong, then the allowed values are shown', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.competenceModel.competences[0].id = 'Forandring';
        raw.competenceModel.competences[1].audience = 'employees';
        raw.competenceModel.schemaVersion = 2;
      }),
    );
    expect(problems).toEqual([
      'competence-model.json: schemaVersion must be 1, not 2',
      'competence-model.json: competences[0].id must be an id of lower-case letters a-z, digits and hyphens, like "faglig-kompetence", not "Forandring"',
      'competence-model.json: competences[1].audience must be one of "employee", "leader", not "employees"',
    ]);
  });

  it('when a summary is longer than one line, then its length is reported', () => {
    const problems = problemsOf(input((raw) => (raw.competenceModel.competences[0].short.en = 'x'.repeat(141))));
    expect(problems).toEqual(['competence-model.json: competences[0].short.en must be at most 140 characters (it is 141)']);
  });

  it('when the scale skips a value, then the numbering is explained', () => {
    const problems = problemsOf(input((raw) => (raw.competenceModel.scale.levels[2].value = 4)));
    expect(problems).toContain(
      'competence-model.json: scale.levels[2].value is 4, expected 3 (levels are numbered 1, 2, 3, … in order)',
    );
  });

  it('when an activity suits an unknown group or competence, then both are reported against the model', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.activityCatalogue.activities[0].suitsGroups = ['resultater', 'kulture'];
        raw.activityCatalogue.activities[0].suitsCompetences = ['faglighed'];
      }),
    );
    expect(problems).toEqual([
      'activity-catalogue.json: activities[0].suitsGroups[1] "kulture" is not a group in competence-model.json (known: udvikling, kultur, resultater)',
      'activity-catalogue.json: activities[0].suitsCompetences[0] "faglighed" is not a competence in competence-model.json',
    ]);
  });

  it('when a milestone date does not exist every year or the time zone is unknown, then it is reported', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.aarshjul.timezone = 'Europe/Copenhagn';
        raw.aarshjul.milestones[2].date = { month: 2, day: 30 };
        raw.aarshjul.milestones[3].date = { month: 2, day: 29 };
        raw.aarshjul.milestones[4].id = 'mus-held';
        raw.aarshjul.milestones[5].kind = 'midyear';
      }),
    );
    expect(problems).toEqual([
      'aarshjul.json: milestones[5].kind must be one of "profile-review", "mus-season-opens", "preparation-deadline", "mus-held", "action-plan-due", "mid-year-follow-up", "med-discussion", "hovedudvalg-discussion", "lederforum-evaluation", not "midyear"',
    ]);
    const afterParse = problemsOf(
      input((raw) => {
        raw.aarshjul.timezone = 'Europe/Copenhagn';
        raw.aarshjul.milestones[2].date = { month: 2, day: 30 };
        raw.aarshjul.milestones[3].date = { month: 2, day: 29 };
        raw.aarshjul.milestones[4].id = 'mus-held';
      }),
    );
    expect(afterParse).toEqual([
      'aarshjul.json: timezone "Europe/Copenhagn" is not a known time zone (use an IANA name like "Europe/Copenhagen")',
      'aarshjul.json: milestones[4].id "mus-held" is used twice (first at milestones[3])',
      'aarshjul.json: milestones[2].date.day is 30, but February has 28 days',
      'aarshjul.json: milestones[3].date is 29 February, which does not come every year; use 28 February or 1 March',
    ]);
  });

  it('when a question id is reused or a choice question has one choice, then it is reported', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.questionBank.themes[1].questions[0].id = 'looking-back-proud';
        raw.questionBank.themes[1].questions[2].choices = [{ id: 'ok', label: { da: 'OK', en: 'OK' } }];
        raw.questionBank.themes[0].questions[4].choices[1].id = 'very-good';
      }),
    );
    expect(problems).toEqual([
      'question-bank.json: themes[0].questions[4].choices[1].id "very-good" is used twice (first at themes[0].questions[4].choices[0])',
      'question-bank.json: themes[1].questions[0].id "looking-back-proud" is used twice (first at themes[0].questions[0]); question ids must be unique in the whole bank',
      'question-bank.json: themes[1].questions[2].choices has 1 choice; a "choice" question needs at least 2',
      'question-bank.json: defaultSet.employee[1].questionIds[0] "tasks-energy" is not a question in the bank',
      'question-bank.json: defaultSet.leader[2].questionIds[0] "tasks-energy" is not a question in the bank',
    ]);
  });

  it('when the default set names an unknown theme or a question of another theme, then it is reported', () => {
    const problems = problemsOf(
      input((raw) => {
        raw.questionBank.defaultSet.employee[0].questionIds.push('tasks-energy');
        raw.questionBank.defaultSet.group[1].themeId = 'team-goal';
        raw.questionBank.themes[2].questions[0].kind = 'scale';
      }),
    );
    expect(problems).toEqual([
      'question-bank.json: themes[2].questions[0].kind must be one of "text", "choice", "multi-choice", not "scale"',
    ]);
    const afterParse = problemsOf(
      input((raw) => {
        raw.questionBank.defaultSet.employee[0].questionIds.push('tasks-energy');
        raw.questionBank.defaultSet.group[1].themeId = 'team-goal';
      }),
    );
    expect(afterParse).toEqual([
      'question-bank.json: defaultSet.employee[0].questionIds[4] "tasks-energy" belongs to theme "tasks-wellbeing", not "looking-back"',
      `question-bank.json: defaultSet.group[1].themeId "team-goal" is not a theme (known: ${shippedRaw.questionBank.themes
        .map((t: { id: string }) => t.id)
        .join(', ')})`,
    ]);
  });

  it('when a file is not an object at all, then the problem is about the file', () => {
    const problems = problemsOf(input((raw) => (raw.aarshjul = [])));
    expect(problems).toEqual(['aarshjul.json: the file should be an object, not a list']);
  });
});
