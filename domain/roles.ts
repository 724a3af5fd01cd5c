// Roles of DOMAIN.md §1. A role is always held with a scope: a region subtree
// (identified by its code prefix) or a unit. Labels are what users read.
export const ROLES = [
  'admin',
  'county_viewer',
  'town_leader',
  'office_staff',
  'supervisor',
  'community_staff',
  'street_chief',
  'unit_liaison',
  'volunteer',
  'interviewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  county_viewer: '县创城办',
  town_leader: '镇领导',
  office_staff: '镇创城办',
  supervisor: '督查组',
  community_staff: '社区干部',
  street_chief: '街巷长',
  unit_liaison: '单位联络员',
  volunteer: '志愿者',
  interviewer: '调查员',
};

/** What kind of scope a role is held with. */
export type ScopeKind = 'region' | 'unit';
export const ROLE_SCOPE: Record<Role, { kind: ScopeKind; levels?: RegionLevelForScope[] }> = {
  admin: { kind: 'region', levels: ['county', 'town'] },
  county_viewer: { kind: 'region', levels: ['county'] },
  town_leader: { kind: 'region', levels: ['town'] },
  office_staff: { kind: 'region', levels: ['town'] },
  supervisor: { kind: 'region', levels: ['town', 'community'] },
  community_staff: { kind: 'region', levels: ['community'] },
  street_chief: { kind: 'region', levels: ['community'] },
  unit_liaison: { kind: 'unit' },
  volunteer: { kind: 'unit' },
  // Resident surveys (issue 21): fills questionnaires on the phone in the town's communities.
  interviewer: { kind: 'region', levels: ['town'] },
};
type RegionLevelForScope = 'county' | 'town' | 'community';

export interface RoleGrant {
  role: Role;
  /** Region code the role covers (the whole subtree below it). */
  scopeRegionCode?: string | null;
  /** Unit the role acts for (liaisons, volunteers). */
  scopeUnitId?: number | null;
}
