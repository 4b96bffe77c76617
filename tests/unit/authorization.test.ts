import { describe, expect, it } from 'vitest';
import { isAllowed, type Permission, type Subject } from '../../src/domain/authorization';

// The role × action matrix. Demo shape: Hjemmeplejen (led by Lars) under Social og Sundhed (led
// by Jens); Borgerservice led by Birgitte; Camilla is HR.
const employee: Subject = { personId: 'mette', roles: ['employee'], ledDepartments: [] };
const otherEmployee: Subject = { personId: 'rasmus', roles: ['employee'], ledDepartments: [] };
const leader: Subject = { personId: 'lars', roles: ['employee', 'leader'], ledDepartments: ['hjemmeplejen'] };
const parentLeader: Subject = { personId: 'jens', roles: ['employee', 'leader'], ledDepartments: ['social', 'hjemmeplejen'] };
const otherLeader: Subject = { personId: 'birgitte', roles: ['employee', 'leader'], ledDepartments: ['borgerservice'] };
const hr: Subject = { personId: 'camilla', roles: ['employee', 'hr'], ledDepartments: [] };

const actions: Array<[string, Permission]> = [
  ['prepare own', { action: 'prepare-own' }],
  ['see Hjemmeplejen status', { action: 'view-department-status', departmentId: 'hjemmeplejen' }],
  ["read Mette's shared preparation", { action: 'read-shared-preparation', ownerId: 'mette', ownerDepartmentId: 'hjemmeplejen' }],
  ['see municipality aggregates', { action: 'view-municipality-aggregates' }],
  ['start a MUS round for Hjemmeplejen', { action: 'start-mus-round', departmentId: 'hjemmeplejen' }],
  ["edit Hjemmeplejen's competence profile", { action: 'edit-competence-profile', departmentId: 'hjemmeplejen' }],
  ['rate Mette beside her self-rating', { action: 'rate-employee', ownerId: 'mette', ownerDepartmentId: 'hjemmeplejen' }],
  ["work on Mette's development plan", { action: 'work-on-plan', ownerId: 'mette', ownerDepartmentId: 'hjemmeplejen' }],
  ["answer the effect follow-up of Mette's plan", { action: 'evaluate-own-plan', ownerId: 'mette' }],
  ["choose Hjemmeplejen's MUS questions", { action: 'edit-question-set', departmentId: 'hjemmeplejen' }],
  ["change the municipality's årshjul", { action: 'edit-aarshjul' }],
];

const expected: Record<string, [Subject, boolean[]]> = {
  'the employee herself': [employee, [true, false, false, false, false, false, false, true, true, false, false]],
  'another employee': [otherEmployee, [true, false, false, false, false, false, false, false, false, false, false]],
  'her leader': [leader, [true, true, true, false, true, true, true, true, false, true, false]],
  "her leader's leader": [parentLeader, [true, true, true, false, true, true, true, true, false, true, false]],
  "another department's leader": [otherLeader, [true, false, false, false, false, false, false, false, false, false, false]],
  HR: [hr, [true, false, false, true, false, false, false, false, false, false, true]],
};

describe('authorization', () => {
  for (const [who, [subject, answers]] of Object.entries(expected)) {
    actions.forEach(([what, permission], i) => {
      it(`when ${who} tries to ${what}, then it is ${answers[i] ? 'allowed' : 'refused'}`, () => {
        expect(isAllowed(subject, permission)).toBe(answers[i]);
      });
    });
  }

  it('when a leader is in their own department, then they still cannot read their own preparation as a leader', () => {
    expect(isAllowed(leader, { action: 'read-shared-preparation', ownerId: 'lars', ownerDepartmentId: 'hjemmeplejen' })).toBe(false);
  });

  it("when a leader opens their own development plan, then they work on it as its employee (their own leader is the counterpart)", () => {
    expect(isAllowed(leader, { action: 'work-on-plan', ownerId: 'lars', ownerDepartmentId: 'hjemmeplejen' })).toBe(true);
    expect(isAllowed(parentLeader, { action: 'work-on-plan', ownerId: 'lars', ownerDepartmentId: 'hjemmeplejen' })).toBe(true);
  });
});
