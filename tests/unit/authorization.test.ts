import { describe, expect, it } from 'vitest';
import { assertAllowed, isAllowed, type Permission, type Subject } from '../../src/domain/authorization';
import { NotAllowedError } from '../../src/domain/errors';

// The role × action matrix. Demo shape: Hjemmeplejen (led by Lars) under Social og Sundhed (led
// by Jens); Borgerservice led by Birgitte; Camilla is HR.
const employee: Subject = { personId: 'mette', roles: ['employee'], ledDepartments: [] };
const otherEmployee: Subject = { personId: 'rasmus', roles: ['employee'], ledDepartments: [] };
const leader: Subject = { personId: 'lars', roles: ['employee', 'leader'], ledDepartments: ['hjemmeplejen'] };
const parentLeader: Subject = { personId: 'jens', roles: ['employee', 'leader'], ledDepartments: ['social', 'hjemmeplejen'] };
const otherLeader: Subject = { personId: 'birgitte', roles: ['employee', 'leader'], ledDepartments: ['borgerservice'] };
const hr: Subject = { personId: 'camilla', roles: ['employee', 'hr'], ledDepartments: [] };
/** Someone the organisation does not know: no roles, leads nothing. */
const unknown: Subject = { personId: 'stranger', roles: [], ledDepartments: [] };
// Sofie sits in the local MED-udvalg of Social og Sundhed (with Hjemmeplejen below it); Anne is
// the tillidsrepræsentant of Hjemmeplejen; Julie sits in Borgerservice's MED-udvalg; Maria in
// Hovedudvalget.
const med: Subject = { personId: 'sofie', roles: ['employee', 'med'], ledDepartments: [], representedDepartments: ['social', 'hjemmeplejen'] };
const tr: Subject = { personId: 'anne', roles: ['employee', 'tr'], ledDepartments: [], representedDepartments: ['hjemmeplejen'] };
const otherMed: Subject = { personId: 'julie', roles: ['employee', 'med'], ledDepartments: [], representedDepartments: ['borgerservice'] };
const hovedudvalg: Subject = { personId: 'maria', roles: ['employee', 'hovedudvalg'], ledDepartments: [], representedDepartments: [] };

type Role = 'the employee herself' | 'another employee' | 'her leader' | "her leader's leader" | "another department's leader" | 'HR' | 'an unknown user'
  | "a member of her area's MED-udvalg" | 'her tillidsrepræsentant' | "another area's MED member" | 'a member of Hovedudvalget';
const subjects: Record<Role, Subject> = {
  'the employee herself': employee, 'another employee': otherEmployee, 'her leader': leader,
  "her leader's leader": parentLeader, "another department's leader": otherLeader, HR: hr, 'an unknown user': unknown,
  "a member of her area's MED-udvalg": med, 'her tillidsrepræsentant': tr, "another area's MED member": otherMed, 'a member of Hovedudvalget': hovedudvalg,
};
const representatives: Role[] = ["a member of her area's MED-udvalg", 'her tillidsrepræsentant', "another area's MED member", 'a member of Hovedudvalget'];

// Every action (a Record over the union: an action added without a row here fails the typecheck),
// what it is tried on, and who may. The unknown user is refused everything here too, although
// the bot already stops them at "not registered" (tests/integration/authorizationMatrix.test.ts).
const matrix: { [A in Permission['action']]: [string, Extract<Permission, { action: A }>, Role[]] } = {
  'prepare-own': ['prepare own', { action: 'prepare-own' }, ['the employee herself', 'another employee', 'her leader', "her leader's leader", "another department's leader", 'HR', ...representatives]],
  'view-department-status': ['see Hjemmeplejen status', { action: 'view-department-status', departmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'start-mus-round': ['start a MUS round for Hjemmeplejen', { action: 'start-mus-round', departmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'edit-competence-profile': ["edit Hjemmeplejen's competence profile", { action: 'edit-competence-profile', departmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'edit-question-set': ["choose Hjemmeplejen's MUS questions", { action: 'edit-question-set', departmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'read-shared-preparation': ["read Mette's shared preparation", { action: 'read-shared-preparation', ownerId: 'mette', ownerDepartmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'rate-employee': ['rate Mette beside her self-rating', { action: 'rate-employee', ownerId: 'mette', ownerDepartmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'work-on-plan': ["work on Mette's development plan", { action: 'work-on-plan', ownerId: 'mette', ownerDepartmentId: 'hjemmeplejen' }, ['the employee herself', 'her leader', "her leader's leader"]],
  'evaluate-own-plan': ["answer the effect follow-up of Mette's plan", { action: 'evaluate-own-plan', ownerId: 'mette' }, ['the employee herself']],
  'run-grus': ["run a GRUS for Hjemmeplejen's team", { action: 'run-grus', departmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'edit-action-plan': ["write Hjemmeplejen's action plan", { action: 'edit-action-plan', departmentId: 'hjemmeplejen' }, ['her leader', "her leader's leader"]],
  'view-municipality-aggregates': ['see municipality aggregates', { action: 'view-municipality-aggregates' }, ['HR']],
  'edit-aarshjul': ["change the municipality's årshjul", { action: 'edit-aarshjul' }, ['HR']],
  'erase-person': ['erase a person on request', { action: 'erase-person' }, ['HR']],
  'view-audit-log': ['read the audit log', { action: 'view-audit-log' }, ['HR']],
  'publish-figures': ['publish figures now', { action: 'publish-figures' }, ['HR']],
  'view-area-figures': ["read Hjemmeplejen's released figures as MED, TR or Hovedudvalget", { action: 'view-area-figures', departmentId: 'hjemmeplejen' }, ["a member of her area's MED-udvalg", 'her tillidsrepræsentant', 'a member of Hovedudvalget', 'HR']],
  'view-area-action-plans': ["read Hjemmeplejen's approved action plan as MED, TR or Hovedudvalget", { action: 'view-area-action-plans', departmentId: 'hjemmeplejen' }, ["a member of her area's MED-udvalg", 'her tillidsrepræsentant', 'a member of Hovedudvalget', 'HR']],
};

describe('authorization', () => {
  for (const [what, permission, allowed] of Object.values(matrix)) {
    for (const [who, subject] of Object.entries(subjects) as Array<[Role, Subject]>) {
      const answer = allowed.includes(who);
      it(`when ${who} tries to ${what}, then it is ${answer ? 'allowed' : 'refused'}`, () => {
        expect(isAllowed(subject, permission as Permission)).toBe(answer);
      });
    }
  }

  it("when MED members and TRs ask for the municipality's figures, then only Hovedudvalget (and HR) may", () => {
    const whole = { action: 'view-area-figures' } as const;
    expect([med, tr, otherMed, employee, leader].map((s) => isAllowed(s, whole))).toEqual([false, false, false, false, false]);
    expect([hovedudvalg, hr].map((s) => isAllowed(s, whole))).toEqual([true, true]);
  });

  it('when the TR of Hjemmeplejen asks for the parent area, then she is refused (a TR follows her department and below)', () => {
    expect(isAllowed(tr, { action: 'view-area-figures', departmentId: 'social' })).toBe(false);
    expect(isAllowed(med, { action: 'view-area-figures', departmentId: 'social' })).toBe(true);
  });

  it('when a leader is in their own department, then they still cannot read their own preparation as a leader', () => {
    expect(isAllowed(leader, { action: 'read-shared-preparation', ownerId: 'lars', ownerDepartmentId: 'hjemmeplejen' })).toBe(false);
  });

  it("when a leader opens their own development plan, then they work on it as its employee (their own leader is the counterpart)", () => {
    expect(isAllowed(leader, { action: 'work-on-plan', ownerId: 'lars', ownerDepartmentId: 'hjemmeplejen' })).toBe(true);
    expect(isAllowed(parentLeader, { action: 'work-on-plan', ownerId: 'lars', ownerDepartmentId: 'hjemmeplejen' })).toBe(true);
  });

  it('when a service asserts a permission, then a refusal is a NotAllowedError naming the action, and an allowed action goes on', () => {
    expect(() => assertAllowed(employee, { action: 'erase-person' })).toThrow(NotAllowedError);
    expect(() => assertAllowed(employee, { action: 'erase-person' })).toThrow('Not allowed: erase-person');
    expect(() => assertAllowed(hr, { action: 'erase-person' })).not.toThrow();
  });
});
