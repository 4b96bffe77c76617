import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOrganisationCsv } from '../../src/domain/orgImport';
import { departmentAndDescendants, rolesOf } from '../../src/domain/org';
import { projectRoot } from '../../src/paths';

const header = 'type,id,name,email,department,parent,job_group,leader_of,hr_admin,language';
const mette = 'person,0d1e2f30-0000-4000-8000-000000000001,Mette Jensen,mette@k.dk,hjem,,SOSU,,nej,da';

function problems(csv: string) {
  const result = parseOrganisationCsv(csv);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('the organisation file', () => {
  it('when the demo file is read, then it holds 3 departments, 24 people, one HR admin and leaders of their departments', () => {
    const result = parseOrganisationCsv(readFileSync(path.join(projectRoot, 'data/demo/organisation.csv'), 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { departments, people } = result.organisation;
    expect(departments).toHaveLength(3);
    expect(people).toHaveLength(24);
    expect(people.filter((p) => p.hrAdmin)).toHaveLength(1);
    const lars = people.find((p) => p.name === 'Lars Nielsen')!;
    expect(rolesOf(lars)).toEqual(['employee', 'leader']);
    expect(departmentAndDescendants(departments, 'social-sundhed')).toEqual(['social-sundhed', 'hjemmeplejen-nord']);
  });

  it('when the demo file names MED members, Hovedudvalget and a tillidsrepræsentant, then they get those roles', () => {
    const result = parseOrganisationCsv(readFileSync(path.join(projectRoot, 'data/demo/organisation.csv'), 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const byName = (name: string) => result.organisation.people.find((p) => p.name === name)!;
    expect(byName('Sofie Hansen').medAreas).toEqual(['social-sundhed']);
    expect(rolesOf(byName('Sofie Hansen'))).toEqual(['employee', 'med']);
    expect(rolesOf(byName('Maria Rasmussen'))).toEqual(['employee', 'med', 'hovedudvalg']);
    expect(byName('Anne Kristensen').trFor).toEqual(['hjemmeplejen-nord']);
    expect(rolesOf(byName('Mette Jensen'))).toEqual(['employee']);
  });

  it('when a file has no MED columns, then nobody has a MED or TR role', () => {
    const result = parseOrganisationCsv(`${header}
department,hjem,Hjemmeplejen,,,,,,,
${mette}
`);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.organisation.people[0]).toMatchObject({ medAreas: [], hovedudvalg: false, trFor: [] });
  });

  it('when a MED area or a TR department is not in the file, or Hovedudvalget is neither ja nor nej, then each is a problem on its line', () => {
    const medHeader = `${header},med_udvalg,hovedudvalg,tr_for`;
    const found = problems([
      medHeader,
      'department,hjem,Hjemmeplejen,,,,,,,,,,',
      `${mette},ukendt-omraade,,`,
      'person,0d1e2f30-0000-4000-8000-000000000002,Kim,kim@k.dk,hjem,,,,nej,,,,andet-sted',
      'person,0d1e2f30-0000-4000-8000-000000000003,Ib,ib@k.dk,hjem,,,,nej,,,måske,',
    ].join('\n'));
    expect(found.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(found[0]!.message.da).toContain('med_udvalg: afdelingen "ukendt-omraade" findes ikke');
    expect(found[1]!.message.en).toContain('tr_for: department "andet-sted" is not in the file');
    expect(found[2]!.message.en).toContain('hovedudvalg');
  });

  it('when Excel saved it with semicolons and a byte-order mark, then it reads the same', () => {
    const csv = `\uFEFF${header.replaceAll(',', ';')}\ndepartment;hjem;Hjemmeplejen;;;;;;;\n${mette.replaceAll(',', ';')}\n`;
    const result = parseOrganisationCsv(csv);
    expect(result.ok).toBe(true);
  });

  it('when rows are wrong, then every problem is reported with its line number, in Danish and English', () => {
    const csv = [
      header,
      'department,hjem,Hjemmeplejen,,,,,,,',
      'department,hjem,Igen,,,,,,,',
      'person,not-a-guid,Bo,bo@k.dk,hjem,,,,nej,',
      'person,0d1e2f30-0000-4000-8000-000000000002,Kim,kim@k.dk,ukendt,,,,nej,',
      'person,0d1e2f30-0000-4000-8000-000000000003,Ib,ib-at-k.dk,hjem,,,,måske,',
      'robot,x,y,,,,,,,',
    ].join('\n');
    const found = problems(csv);
    expect(found.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(found[0]!.message.da).toContain('står også på linje 2');
    expect(found[1]!.message.en).toContain('must be an Entra object id');
    expect(found[2]!.message.da).toContain('Afdelingen "ukendt" findes ikke');
    expect(found[3]!.message.en).toMatch(/email/);
    expect(found[4]!.message.da).toContain('type skal være');
  });

  it('when departments are each other\'s parents, then the cycle is named', () => {
    const csv = [header, 'department,a,A,,,b,,,,', 'department,b,B,,,a,,,,'].join('\n');
    expect(problems(csv)[0]!.message.en).toMatch(/cycle: a → b|cycle: b → a/);
  });

  it('when the header has a misspelt column, then the file is refused and the right columns are listed', () => {
    const found = problems('type,id,navn\ndepartment,a,A\n');
    expect(found[0]!.line).toBe(1);
    expect(found[0]!.message.da).toContain('ukendte kolonne(r): navn');
  });

  it('when the file is not CSV at all, then the line where reading failed is given', () => {
    const found = problems(`${header}\ndepartment,"hjem,Hjemmeplejen\n`);
    expect(found[0]!.message.en).toContain('cannot be read as CSV');
  });

  it('when the file is empty, then it says so', () => {
    expect(problems(`${header}\n`)[0]!.message.en).toContain('no rows');
  });
});
