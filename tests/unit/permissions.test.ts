import { describe, expect, it } from 'vitest';
import { can, regionScope, abilities, type Actor } from '../../domain/permissions.ts';
import { gridCode, parentCodeOf, regionLevelOf } from '../../domain/regions.ts';
import { maskPhone, passwordProblem } from '../../domain/people.ts';

const actor = (grants: Actor['grants']): Actor => ({ personId: 1, name: 't', grants });

describe('permission rules', () => {
  it('scopes a town office to its town and lets it manage places there only', () => {
    const a = actor([{ role: 'office_staff', regionCode: '350821100', unitId: null }]);
    expect(can(a, 'region.manage', { regionCode: '350821100010' })).toBe(true);
    expect(can(a, 'region.manage', { regionCode: '350821101201' })).toBe(false);
    expect(regionScope(a, 'region.read')).toEqual(['350821100']);
    expect(can(a, 'role.grant_admin')).toBe(false);
  });

  it('gives a global admin every action everywhere', () => {
    const a = actor([{ role: 'admin', regionCode: null, unitId: null }]);
    expect(regionScope(a, 'person.manage')).toBe('all');
    expect(Object.values(abilities(a)).every(Boolean)).toBe(true);
  });

  it('gives a county viewer read-only sight of all its towns', () => {
    const a = actor([{ role: 'county_viewer', regionCode: '350821', unitId: null }]);
    expect(can(a, 'region.read', { regionCode: '350821101201' })).toBe(true);
    expect(can(a, 'region.manage', { regionCode: '350821100010' })).toBe(false);
    expect(can(a, 'person.manage')).toBe(false);
  });

  it('merges overlapping scopes to the widest', () => {
    const a = actor([
      { role: 'community_staff', regionCode: '350821100010', unitId: null },
      { role: 'supervisor', regionCode: '350821100', unitId: null },
      { role: 'street_chief', regionCode: '350821101201', unitId: null },
    ]);
    expect(regionScope(a, 'region.read')).toEqual(['350821100', '350821101201']);
  });

  it('a person with no role can do nothing', () => {
    const a = actor([]);
    expect(regionScope(a, 'region.read')).toEqual([]);
    expect(Object.values(abilities(a)).some(Boolean)).toBe(false);
  });
});

describe('region codes', () => {
  it('knows levels by length and parents by prefix', () => {
    expect(regionLevelOf('350821')).toBe('county');
    expect(regionLevelOf('350821100')).toBe('town');
    expect(regionLevelOf('350821100010')).toBe('community');
    expect(regionLevelOf('350821100010001')).toBe('grid');
    expect(regionLevelOf('3508211000')).toBeNull();
    expect(regionLevelOf('35082110001x')).toBeNull();
    expect(parentCodeOf('350821100010001')).toBe('350821100010');
    expect(parentCodeOf('350821100010')).toBe('350821100');
    expect(gridCode('350821100010', 7)).toBe('350821100010007');
  });
});

describe('people rules', () => {
  it('masks phone numbers and judges password strength', () => {
    expect(maskPhone('13859710005')).toBe('138****0005');
    expect(passwordProblem('short1')).toContain('8');
    expect(passwordProblem('abcdefgh')).toContain('字母和数字');
    expect(passwordProblem('abcd1234')).toBeNull();
  });
});
