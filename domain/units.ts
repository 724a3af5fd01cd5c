// Kinds of organisation of DOMAIN.md §2.
export const UNIT_KINDS = [
  'county_office',
  'town_office',
  'community_committee',
  'co_building',
  'practice_institute',
  'practice_station',
  'department',
  'party_org',
  'volunteer_team',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  county_office: '县创城办',
  town_office: '镇创城办',
  community_committee: '社区居委会',
  co_building: '挂钩共建单位',
  practice_institute: '新时代文明实践所',
  practice_station: '新时代文明实践站',
  department: '职能部门',
  party_org: '党组织',
  volunteer_team: '志愿服务队',
};

/** Units whose home is one community (the rest belong to a town or county). */
export const COMMUNITY_LEVEL_UNITS: UnitKind[] = ['community_committee', 'practice_station'];
/** Units paired with communities many-to-many (挂钩共建). */
export const PAIRABLE_UNITS: UnitKind[] = ['co_building', 'department'];

/** Where each kind of unit may sit in the region tree (server checks, web limits its picker). */
export const UNIT_LEVELS: Record<UnitKind, ('county' | 'town' | 'community')[]> = {
  county_office: ['county'],
  town_office: ['town'],
  community_committee: ['community'],
  practice_station: ['community'],
  practice_institute: ['town'],
  co_building: ['county', 'town'],
  department: ['county', 'town'],
  party_org: ['town', 'community'],
  volunteer_team: ['town', 'community'],
};
