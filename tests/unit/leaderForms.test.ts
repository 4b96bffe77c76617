import { describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import { parseRoundForm } from '../../src/domain/musRound';
import { parseProfileForm } from '../../src/domain/profile';

const today = '2026-11-22';

describe('the MUS round form', () => {
  it('when a deadline a month ahead is chosen, then it is accepted, with or without sub-departments', () => {
    expect(parseRoundForm({ deadline: '2026-12-22' }, today)).toEqual({ ok: true, deadline: '2026-12-22', includeSubDepartments: false });
    expect(parseRoundForm({ deadline: '2026-12-22', includeSub: 'true' }, today)).toEqual({ ok: true, deadline: '2026-12-22', includeSubDepartments: true });
  });

  it('when the deadline is today, in the past, over a year ahead, not a date or missing, then it is refused in both languages', () => {
    for (const deadline of ['2026-11-22', '2025-01-01', '2027-12-31', '2026-02-30', 'next friday', '', undefined]) {
      const result = parseRoundForm({ deadline }, today);
      expect(result.ok, String(deadline)).toBe(false);
      if (!result.ok) expect(result.problems[0]!.en.length * result.problems[0]!.da.length).toBeGreaterThan(0);
    }
    expect(parseRoundForm({ deadline: 42 }, today).ok).toBe(false);
  });
});

describe('the competence profile form', () => {
  it('when levels are chosen for some competences, then only those are kept; a level off the scale is refused by name', async () => {
    const data = await loadDomainData();
    const competences = data.competenceModel.competences.filter((c) => c.audience === 'employee');
    expect(parseProfileForm({ d_samarbejdskompetence: '4', d_servicekompetence: '' }, competences, data.competenceModel.scale)).toEqual({
      ok: true, desired: { samarbejdskompetence: 4 },
    });
    const refused = parseProfileForm({ d_samarbejdskompetence: '6', d_servicekompetence: 3 }, competences, data.competenceModel.scale);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => p.da)).toEqual(['Samarbejdskompetence: vælg et niveau på skalaen.', 'Servicekompetence: vælg et niveau på skalaen.']);
  });
});
