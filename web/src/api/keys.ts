// Every TanStack Query key of the desk app, in one place. A key starts with
// its area (`keys.problems.all` = ['problems']), so a save invalidates a whole
// area, one kind of query in it (`keys.problems.lists()`), or one entry
// (`keys.problems.detail(id)`). Two queries whose functions return different
// shapes must have different keys, even for the same URL (e.g. the plain
// /places list and the map's places with coordinates).
// tests/unit/web-saves.test.ts fails when a literal `queryKey: [` reappears.

type Part = string | number | boolean | null | undefined | object;

export const keys = {
  me: ['me'] as const,

  regions: {
    all: ['regions'] as const,
    tree: () => ['regions', 'tree'] as const,
    detail: (code: string) => ['regions', 'detail', code] as const,
  },

  units: {
    all: ['units'] as const,
    /** GET /units as Select options. */
    options: () => ['units', 'options'] as const,
    /** GET /units as the units that receive problems. */
    routable: () => ['units', 'routable'] as const,
    list: (kind: Part, q: Part, regionCode: Part) => ['units', 'list', kind, q, regionCode] as const,
    reachable: (regionCode: string | null) => ['units', 'reachable', regionCode] as const,
    liaisons: (unitId: number) => ['units', 'liaisons', unitId] as const,
  },

  problems: {
    all: ['problems'] as const,
    lists: () => ['problems', 'list'] as const,
    list: (query: Part, sort: Part) => ['problems', 'list', query, sort] as const,
    detail: (id: number) => ['problems', 'detail', id] as const,
    plan: (id: number) => ['problems', 'plan', id] as const,
    workbench: () => ['problems', 'workbench'] as const,
    /** GET /home: the home page's figures (under problems, so a problem save refreshes them). */
    home: () => ['problems', 'home'] as const,
    map: (query: Part, view: Part) => ['problems', 'map', query, view] as const,
    mergeTargets: (regionCode: string) => ['problems', 'merge-targets', regionCode] as const,
    duplicates: (categoryId: Part, lat: Part, lng: Part) => ['problems', 'duplicates', categoryId, lat, lng] as const,
  },

  inbox: {
    all: ['inbox'] as const,
    list: (kind: Part, state: Part, overdue: Part) => ['inbox', 'list', kind, state, overdue] as const,
    counts: () => ['inbox', 'counts'] as const,
  },

  notifications: {
    all: ['notifications'] as const,
    list: () => ['notifications', 'list'] as const,
    unread: () => ['notifications', 'unread'] as const,
  },

  categories: {
    all: ['categories'] as const,
    tree: () => ['categories', 'tree'] as const,
    plain: () => ['categories', 'plain'] as const,
  },

  dispatchRules: {
    all: ['dispatch-rules'] as const,
    list: (regionCode: Part) => ['dispatch-rules', 'list', regionCode] as const,
    resolve: (categoryId: number | null, regionCode: string | null) => ['dispatch-rules', 'resolve', categoryId, regionCode] as const,
  },

  calendar: {
    all: ['calendar'] as const,
    year: (year: number) => ['calendar', year] as const,
  },

  map: {
    all: ['map'] as const,
    baseLayer: () => ['map', 'base-layer'] as const,
    settings: () => ['map', 'settings'] as const,
    boundaries: () => ['map', 'boundaries'] as const,
    communities: () => ['map', 'public-communities'] as const,
  },

  webhooks: {
    allowedHosts: () => ['webhooks', 'allowed-hosts'] as const,
  },

  assessment: {
    all: ['assessment'] as const,
    rankings: (region: Part, kind: Part, date: Part) => ['assessment', 'rankings', region, kind, date] as const,
    history: (region: Part, kind: Part) => ['assessment', 'history', region, kind] as const,
    indicators: (region: Part, kind: Part, date: Part, groupBy: Part) => ['assessment', 'indicators', region, kind, date, groupBy] as const,
    why: (subjectKind: Part, ref: Part, kind: Part, date: Part) => ['assessment', 'why', subjectKind, ref, kind, date] as const,
    rulesAll: () => ['assessment', 'rules'] as const,
    rules: (region: Part) => ['assessment', 'rules', region] as const,
  },

  publicRankings: (town: string) => ['public', 'rankings', town] as const,
  publicRankingTowns: () => ['public', 'rankings', 'towns'] as const,

  people: {
    all: ['people'] as const,
    list: (q: Part, role: Part, cursor: Part) => ['people', 'list', q, role, cursor] as const,
    streetChiefs: (region: Part) => ['people', 'street_chief', region] as const,
    pick: (regionCode: Part, role: Part, q: Part) => ['people', 'pick', regionCode, role, q] as const,
  },

  sessions: (personId: number) => ['sessions', personId] as const,

  audit: (entity: Part) => ['audit', entity] as const,

  places: {
    all: ['places'] as const,
    /** GET /places of a region (and kind), the regions page's lists. */
    ofRegion: (regionCode: Part, kind: Part) => ['places', regionCode, kind] as const,
    list: (regionCode: Part, kind: Part, q: Part) => ['places', 'list', regionCode, kind, q] as const,
    pick: (regionCode: Part, q: Part) => ['places', 'pick', regionCode, q] as const,
    /** Every place with coordinates, for the map. */
    located: () => ['places', 'all'] as const,
    /** Every place, for assigning places to a person. */
    forAssign: () => ['places', 'all-for-assign'] as const,
  },

  inspections: {
    all: ['inspections'] as const,
    list: (q: Part) => ['inspections', 'list', q] as const,
    detail: (id: number | null) => ['inspections', 'one', id] as const,
    point: (placeId: number) => ['inspections', 'point', placeId] as const,
    batches: (regionCode: Part) => ['inspections', 'batches', regionCode] as const,
    evaluation: (q: Part) => ['inspections', 'evaluation', q] as const,
    compliance: (q: Part) => ['inspections', 'compliance', q] as const,
    calendar: (personId: number | null, month: Part) => ['inspections', 'calendar', personId, month] as const,
    misses: (q: Part) => ['inspections', 'misses', q] as const,
    cadence: (regionCode: Part) => ['inspections', 'cadence', regionCode] as const,
    supervision: (town: Part) => ['inspections', 'supervision', town] as const,
    responsibility: (town: Part) => ['inspections', 'responsibility', town] as const,
  },

  checklists: {
    all: ['checklists'] as const,
    list: () => ['checklists', 'list'] as const,
    versions: (pointType: Part) => ['checklists', 'versions', pointType] as const,
    detail: (id: number | null) => ['checklists', 'one', id] as const,
  },

  accountability: {
    all: ['accountability'] as const,
    list: (state: Part) => ['accountability', state] as const,
  },

  reinspections: {
    all: ['reinspections'] as const,
    list: (tab: Part) => ['reinspections', tab] as const,
  },

  notices: {
    all: ['notices'] as const,
    list: (direction: Part) => ['notices', 'list', direction] as const,
    detail: (id: number) => ['notices', 'detail', id] as const,
    candidates: (f: Part) => ['notices', 'candidates', f] as const,
    /** The county office's own notices (pages/notices/county). */
    county: ['notices', 'county'] as const,
    countyDetail: (id: number) => ['notices', 'county', id] as const,
  },

  activities: {
    all: ['activities'] as const,
    list: (filter: Part) => ['activities', 'list', filter] as const,
    detail: (id: number) => ['activities', 'detail', id] as const,
    kinds: () => ['activities', 'kinds'] as const,
    options: (regionCode: Part) => ['activities', 'options', regionCode] as const,
    calendar: (year: number) => ['activities', 'calendar', year] as const,
    stations: (regionCode: Part) => ['activities', 'stations', regionCode] as const,
  },

  /** Publicity output, facilities, kinds and themes, requirements, points short (pages/publicity). */
  publicity: {
    all: ['publicity'] as const,
    list: (register: string, f: Part) => ['publicity', 'list', register, f] as const,
    one: (register: string, id: number) => ['publicity', 'one', register, id] as const,
    terms: () => ['publicity', 'terms'] as const,
    requirements: () => ['publicity', 'requirements'] as const,
    short: (regionCode: Part) => ['publicity', 'short', regionCode] as const,
    units: (regionCode: Part) => ['publicity', 'units', regionCode] as const,
    places: (regionCode: Part) => ['publicity', 'places', regionCode] as const,
  },

  /** Volunteers, service records, teams, orders, the phone's own page (pages/volunteers, mobile/staff). */
  volunteers: {
    all: ['volunteers'] as const,
    list: (f: Part) => ['volunteers', 'list', f] as const,
    detail: (id: number) => ['volunteers', 'detail', id] as const,
    teams: () => ['volunteers', 'teams'] as const,
    service: (f: Part) => ['volunteers', 'service', f] as const,
    totals: (f: Part) => ['volunteers', 'totals', f] as const,
    certificate: (id: number) => ['volunteers', 'certificate', id] as const,
    roster: (activityId: number) => ['volunteers', 'roster', activityId] as const,
    orders: (f: Part) => ['volunteers', 'orders', f] as const,
    order: (id: number) => ['volunteers', 'order', id] as const,
    me: ['volunteers', 'me'] as const,
  },

  /** Meetings, their decisions, study trips and the 例会 cadence (pages/meetings). */
  meetings: {
    all: ['meetings'] as const,
    kinds: () => ['meetings', 'kinds'] as const,
    list: (f: Part) => ['meetings', 'list', f] as const,
    detail: (id: number) => ['meetings', 'detail', id] as const,
    decisions: (f: Part) => ['meetings', 'decisions', f] as const,
    decision: (id: number) => ['meetings', 'decision', id] as const,
    trips: (f: Part) => ['meetings', 'trips', f] as const,
    trip: (id: number) => ['meetings', 'trip', id] as const,
    cadence: (year: number) => ['meetings', 'cadence', year] as const,
    ownerUnits: (regionCode: Part) => ['meetings', 'owner-units', regionCode] as const,
  },

  /** The national evaluation: versions, trees, cycles, assignments, completeness (pages/evaluation). */
  evaluation: {
    all: ['evaluation'] as const,
    systems: (town: Part) => ['evaluation', 'systems', town] as const,
    tree: (id: number) => ['evaluation', 'tree', id] as const,
    cycles: (town: Part) => ['evaluation', 'cycles', town] as const,
    assignments: (f: Part) => ['evaluation', 'assignments', f] as const,
    completeness: (cycle: number) => ['evaluation', 'completeness', cycle] as const,
    forecast: (region: Part, year: number) => ['evaluation', 'forecast', region, year] as const,
  },

  /** The 大屏's display tokens (pages/screen). */
  screenTokens: {
    all: ['screen-tokens'] as const,
  },

  /** Community daily reports, the town's reports, the year-end summary (pages/reports). */
  reports: {
    all: ['reports'] as const,
    daily: (f: Part) => ['reports', 'daily', f] as const,
    missing: (f: Part) => ['reports', 'missing', f] as const,
    form: (communityCode: Part, day: Part) => ['reports', 'form', communityCode, day] as const,
    town: (f: Part) => ['reports', 'town', f] as const,
    townDetail: (id: number) => ['reports', 'town-detail', id] as const,
    yearend: (region: Part, year: number, style: Part) => ['reports', 'yearend', region, year, style] as const,
  },

  /** Clean-up campaigns (pages/campaigns). */
  campaigns: {
    all: ['campaigns'] as const,
    list: (f: Part) => ['campaigns', 'list', f] as const,
    detail: (id: number) => ['campaigns', 'detail', id] as const,
    linked: (id: number, on?: string) => ['campaigns', 'linked', id, on ?? null] as const,
    summary: (id: number) => ['campaigns', 'summary', id] as const,
    kinds: () => ['campaigns', 'kinds'] as const,
    options: (regionCode: Part) => ['campaigns', 'options', regionCode] as const,
    totals: (period: string) => ['campaigns', 'totals', period] as const,
  },

  /** The 摸排 survey (pages/surveys). */
  surveys: {
    all: ['surveys'] as const,
    list: (f: Part) => ['surveys', 'list', f] as const,
    map: (f: Part) => ['surveys', 'map', f] as const,
    detail: (id: number) => ['surveys', 'detail', id] as const,
    kinds: () => ['surveys', 'kinds'] as const,
    options: (regionCode: Part) => ['surveys', 'options', regionCode] as const,
    department: (unitId: Part) => ['surveys', 'department', unitId] as const,
    /** The problems of a need's town a coordinator may link it to (searched by code or words). */
    linkCandidates: (town: string, q: string) => ['surveys', 'link-candidates', town, q] as const,
  },

  /** The campaign fund (pages/fund). */
  fund: {
    all: ['fund'] as const,
    entries: (f: Part) => ['fund', 'entries', f] as const,
    balance: (period: string) => ['fund', 'balance', period] as const,
    projects: () => ['fund', 'projects'] as const,
    project: (id: number) => ['fund', 'project', id] as const,
    entry: (id: number) => ['fund', 'entry', id] as const,
    options: (regionCode: Part) => ['fund', 'options', regionCode] as const,
  },

  /** Resident surveys: questionnaires, waves, results, answers (pages/polls). */
  polls: {
    all: ['polls'] as const,
    standards: (town: Part) => ['polls', 'standards', town] as const,
    questionnaires: (town: Part) => ['polls', 'questionnaires', town] as const,
    waves: (town: Part) => ['polls', 'waves', town] as const,
    results: (id: number, source: Part) => ['polls', 'results', id, source] as const,
    responses: (id: number, f: Part) => ['polls', 'responses', id, f] as const,
    followup: (id: number) => ['polls', 'followup', id] as const,
  },
};
