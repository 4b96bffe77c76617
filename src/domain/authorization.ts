import { NotAllowedError } from './errors';
import type { Role } from './org';

/**
 * Who may do what, in one place. A leader acts on the departments they lead and everything
 * below them; an employee on their own data; HR on organisation-wide aggregates; a member of a
 * local MED-udvalg or a tillidsrepræsentant reads the released figures and approved action plans
 * of their area, Hovedudvalget those of the whole municipality. What an employee did not share is
 * never readable by anyone else.
 */
export interface Subject {
  personId: string;
  roles: readonly Role[];
  /** The departments the person leads, with all their sub-departments. */
  ledDepartments: readonly string[];
  /** The departments of the person's MED areas and TR departments, with all below them. */
  representedDepartments?: readonly string[];
}

export type Permission =
  | { action: 'prepare-own' }
  | { action: 'view-department-status'; departmentId: string }
  | { action: 'start-mus-round'; departmentId: string }
  | { action: 'edit-competence-profile'; departmentId: string }
  | { action: 'edit-question-set'; departmentId: string }
  | { action: 'read-shared-preparation'; ownerId: string; ownerDepartmentId: string }
  | { action: 'rate-employee'; ownerId: string; ownerDepartmentId: string }
  /** Draft, approve and read an employee's development plan: the employee and their leaders. */
  | { action: 'work-on-plan'; ownerId: string; ownerDepartmentId: string }
  /** Answer the effect follow-up of one's own plan. */
  | { action: 'evaluate-own-plan'; ownerId: string }
  /** Start a GRUS for a team, post its result, record the group's plan: the department's leaders. */
  | { action: 'run-grus'; departmentId: string }
  /** Compose, approve and post the department's action plan (handlingsplan): its leaders. */
  | { action: 'edit-action-plan'; departmentId: string }
  | { action: 'view-municipality-aggregates' }
  /** Change the municipality's årshjul (and departments' overrides of it). */
  | { action: 'edit-aarshjul' }
  /** Erase a person from every table on their request (GDPR): HR only. */
  | { action: 'erase-person' }
  /** Read the audit log of who read whose personal data: HR only. */
  | { action: 'view-audit-log' }
  /** Publish a release of figures now, rather than on the working morning: HR only. */
  | { action: 'publish-figures' }
  /**
   * Read the released figures of a department (read-only), or of the municipality (no department):
   * MED members and TRs for their area, Hovedudvalget and HR for all.
   */
  | { action: 'view-area-figures'; departmentId?: string }
  /** Read a department's approved action plan (read-only): as for its figures. */
  | { action: 'view-area-action-plans'; departmentId: string };

/** MED members and TRs follow their area; Hovedudvalget and HR the whole municipality. */
function follows(subject: Subject, departmentId: string | undefined): boolean {
  if (subject.roles.includes('hovedudvalg') || subject.roles.includes('hr')) return true;
  return departmentId !== undefined && (subject.representedDepartments ?? []).includes(departmentId);
}

export function isAllowed(subject: Subject, permission: Permission): boolean {
  switch (permission.action) {
    case 'prepare-own':
      return subject.roles.includes('employee');
    case 'view-department-status':
    case 'start-mus-round':
    case 'edit-competence-profile':
    case 'edit-question-set':
    case 'run-grus':
    case 'edit-action-plan':
      return subject.ledDepartments.includes(permission.departmentId);
    case 'read-shared-preparation':
    case 'rate-employee':
      return permission.ownerId !== subject.personId && subject.ledDepartments.includes(permission.ownerDepartmentId);
    case 'work-on-plan':
      return permission.ownerId === subject.personId
        ? subject.roles.includes('employee')
        : subject.ledDepartments.includes(permission.ownerDepartmentId);
    case 'evaluate-own-plan':
      return permission.ownerId === subject.personId;
    case 'view-municipality-aggregates':
    case 'edit-aarshjul':
    case 'erase-person':
    case 'view-audit-log':
    case 'publish-figures':
      return subject.roles.includes('hr');
    case 'view-area-figures':
    case 'view-area-action-plans':
      return follows(subject, permission.departmentId);
  }
}

export function assertAllowed(subject: Subject, permission: Permission): void {
  if (!isAllowed(subject, permission)) throw new NotAllowedError(permission.action);
}
