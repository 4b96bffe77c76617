import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { tenantsOf } from '../../src/bot/turn';

// The tenants an activity names, read from both places Teams puts them, so the allow-list can
// refuse one that names none or two different ones (src/bot/app.ts).
const of = (activity: Record<string, unknown>) => tenantsOf({ activity } as unknown as TurnContext);
const tenant = '66666666-7777-4888-9999-000000000000';
const other = '11111111-2222-4333-8444-555555555555';

describe('the tenants an activity names', () => {
  it('when both places name the same tenant, in any case, then it is named once, lower-cased', () => {
    expect(of({ channelData: { tenant: { id: tenant.toUpperCase() } }, conversation: { tenantId: tenant } })).toEqual([tenant]);
  });

  it('when the two places disagree, then both are named (and the allow-list refuses the activity)', () => {
    expect(of({ channelData: { tenant: { id: tenant } }, conversation: { tenantId: other } })).toEqual([tenant, other]);
  });

  it('when only one place names a tenant, then that one is named', () => {
    expect(of({ channelData: { tenant: { id: tenant } }, conversation: {} })).toEqual([tenant]);
    expect(of({ conversation: { tenantId: other } })).toEqual([other]);
  });

  it('when no place names a tenant as text, then none is named', () => {
    expect(of({})).toEqual([]);
    expect(of({ channelData: {}, conversation: { tenantId: '' } })).toEqual([]);
    expect(of({ channelData: { tenant: {} } })).toEqual([]);
    expect(of({ channelData: { tenant: { id: 42 } }, conversation: { tenantId: { id: tenant } } })).toEqual([]);
    expect(of({ channelData: { tenant: { id: '' } }, conversation: { tenantId: other } })).toEqual([other]);
  });
});
