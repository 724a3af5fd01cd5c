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

/** Units that have liaisons (单位联络员): the departments and co-building units problems are dispatched to. */
export const LIAISON_UNIT_KINDS: UnitKind[] = ['department', 'co_building'];

/** Units that receive dispatched problems. Volunteer teams, party organisations and practice stations do not. */
export const ROUTABLE_UNIT_KINDS: UnitKind[] = ['community_committee', 'department', 'co_building', 'town_office'];

/**
 * The base a region's reachable units are counted from: its town (9 digits)
 * for a town or anything below it, else the region itself (a county).
 */
export function reachBase(regionCode: string): string {
  return regionCode.length >= 9 ? regionCode.slice(0, 9) : regionCode;
}

/** Where a reachable unit comes from, as the dispatch picker groups them. */
export type ReachVia = 'own' | 'paired' | 'county_department';
export const REACH_VIA_LABELS: Record<ReachVia, string> = {
  own: '本镇单位',
  paired: '挂钩共建单位',
  county_department: '县级职能部门',
};

/**
 * The units a town may dispatch to (its reachable units), and nothing else:
 * 1. its own units: region = the town or below it;
 * 2. the units paired (挂钩共建) with one of its communities;
 * 3. the departments of its county (kind department, region = the county).
 * From a county-level region (a county-wide dispatch rule) only the county's
 * own units are reachable: anything else would reach into one town from all.
 * The SQL twin is `reachableUnitSql()` in server/modules/units/reachable.ts,
 * built from the same reachBase().
 */
export function reachVia(fromRegion: string, unit: { kind: string; regionCode: string; pairedCommunities: string[] }): ReachVia | null {
  const base = reachBase(fromRegion);
  if (base.length < 9) return unit.regionCode === base ? 'own' : null;
  if (unit.regionCode.startsWith(base)) return 'own';
  if (unit.pairedCommunities.some((c) => c.startsWith(base))) return 'paired';
  if (unit.kind === 'department' && unit.regionCode === base.slice(0, 6)) return 'county_department';
  return null;
}
