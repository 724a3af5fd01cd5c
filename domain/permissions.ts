// Permissions as declared rules (after Outline's policies): which roles may do
// which action, and where. The server checks them on every route and scopes
// every query with `regionScope()`; responses carry the result of `can()` so
// the web never re-derives a rule.
import type { Role } from './roles.ts';

export const ACTIONS = [
  'region.read',
  'region.manage', // add/edit grids, streets, compounds, points under a community
  'unit.read',
  'unit.manage',
  'liaison.manage', // add and remove a unit's liaisons (canManageLiaisons: a town's units by its office, county-level units by the county office)
  'person.read',
  'person.manage',
  'person.import',
  'role.grant_admin',
  'session.revoke',
  'audit.read',
  'problem.read',
  'problem.report',
  'problem.office', // file, reject, merge, dispatch, decide extensions, override the route
  'problem.verify', // verify rectification, record 回头看
  'problem.rectify', // accept, return and rectify problems dispatched to one's unit or community (as the workflow's assignee: parties.ts)
  'category.manage',
  'routing.manage',
  'calendar.manage',
  'accountability.read', // 问责 items and thresholds
  'accountability.decide', // decide an open 问责 item (a town leader's call)
  'accountability.manage', // thresholds (over every region: the admin)
  'webhook.manage',
  'webhook.allow_hosts', // the hosts webhooks may reach over http:// or at private addresses (SSRF allow-list)
  'assessment.read', // indicators, ledger and "why", rankings of the regions one covers
  'assessment.manage', // reward/punishment rules, weights, recompute, prepare a town's red/black list
  'ranking.approve', // a town leader approves (which publishes) or sends back a prepared ranking of the town's communities
  'ranking.publish', // the county office publishes the county's ranking of its towns (no leader step)
  'notice.read',
  'notice.draft', // draft and edit a notice (a supervisor's findings feed it); never submit or publish
  'notice.compose', // compose, submit and publish notices; enter county notices
  'notice.approve', // a town leader approves or rejects a notice before it is published
  'notice.county_issue', // the county office issues 县督查通报/创城周报 to its towns in the system (no leader step)
  'inspection.read', // inspection history, a point's page, compliance, mock-evaluation reports
  'inspection.record', // patrol, supervise, visit, evaluate (the phone pages)
  'phone.sync', // send the staff phone's offline queue (inspections, findings, rectification moves); each item is checked on its own
  'inspection.manage', // who patrols/supervises what, cadence settings
  'checklist.manage', // edit the point types' checklists (new versions)
  'map.manage', // the maps' base layer (tiles or a .pmtiles file) and imported boundaries
  'figure.read', // the figure registry: every counted figure of the regions one covers, with its drill-down (GET /api/figures)
  'meeting.read', // meetings, their decisions, study trips, the weekly 例会 cadence and missed weeks
  'meeting.manage', // record and edit meetings, decisions, study trips and the town's 例会 cadence; import
  'meeting.kinds', // the list of meeting kinds (seeded; renamed, added, retired by the admin)
  'activity.read', // activities at the practice institute/stations, their photos, the export
  'activity.manage', // plan, hold and cancel activities, import them (in the communities one covers)
  'activity.kinds', // the list of activity kinds (rename, add, retire)
  'report.read', // community daily reports, the town's daily and weekly reports, the year-end summary of the regions one covers
  'report.submit', // submit and correct a community's daily report (its cadres)
  'report.manage', // the town's report settings; draft, edit, publish and correct the town's daily and weekly reports
  'report.yearend', // edit the year-end summary's text of the regions one covers (the office its town and communities, a community's cadres their own)
  'screen.view', // the 大屏 of the regions one covers, signed in (a wall display uses a display token instead)
  'screen.tokens', // create, list and revoke the display tokens of the regions one covers
  'publicity.read', // publicity output (articles, LED, handouts, 入户宣传), facilities on the map, requirements, points short
  'publicity.manage', // record publicity output and facilities in the regions one covers; import
  'publicity.admin', // facility kinds and themes, the requirements per point type (new versions)
  // issue 18 items 3-5: clean-up campaigns, the 摸排 survey, the campaign fund
  'campaign.read', // campaigns, their daily records, linked problems, summaries and totals
  'campaign.manage', // start, edit and close a town's campaigns
  'campaign.record', // a campaign's daily records (person-times, results, photos), in the communities one covers
  'campaign.kinds', // the lists of campaign kinds and tally kinds (rename, add, retire)
  'survey.read', // 摸排 needs, their history and the department lists
  'survey.manage', // record needs (in the communities one covers), import them
  'survey.coordinate', // move a need through 待对接 → 已完成 (or 暂缓), link it to a plan or problem
  'survey.answer', // a department's liaison answers the needs listed for their unit
  'survey.kinds', // the list of need kinds
  'fund.read', // the fund's ledger, balances and projects
  'fund.manage', // record money (income, spending, reversing entries) and the projects: the office alone
  'evaluation.read', // the 测评体系 versions, the cycle, materials and completeness (a liaison: the standards of their unit)
  'evaluation.manage', // import or seed a version, set the cycle, review materials (accept / return)
  'evaluation.submit', // submit materials for a standard one's unit is responsible for (the office: any of its town)
  // Volunteers (issue 17)
  'volunteer.read', // volunteers, teams, service records and totals, certificates, in the regions one covers
  'volunteer.manage', // add volunteers, teams joined and left, record, confirm and correct service, import, give an account, open check-in codes
  'volunteer.export_id', // the national-upload .xlsx with clear ID numbers (the organiser; every export audited)
  'volunteer.self', // one's own volunteer page on the phone: sign up, check in and out, one's records and certificate (members only)
  'order.read', // residents' service orders to the practice institute/stations
  'order.manage', // dispatch an order to a team, take it for a team and turn it into an activity, return it
  // Resident surveys (issue 21)
  'poll.read', // questionnaires, survey waves, answers and results (a community cadre: their community's)
  'poll.manage', // questionnaires (new versions), waves (plan, quotas, the /h5 link, close), weak items to a task or an activity
  'poll.interview', // fill questionnaires on the phone (the interviewer, in their town) and see the quota progress
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL_STAFF: Role[] = [
  'admin',
  'county_viewer',
  'town_leader',
  'office_staff',
  'supervisor',
  'community_staff',
  'street_chief',
  'unit_liaison',
  'volunteer',
];

export const RULES: Record<Action, readonly Role[]> = {
  'region.read': ALL_STAFF,
  'region.manage': ['admin', 'office_staff'],
  'unit.read': ALL_STAFF,
  'unit.manage': ['admin', 'office_staff'],
  'liaison.manage': ['admin', 'county_viewer', 'office_staff'],
  'person.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'person.manage': ['admin', 'office_staff'],
  'person.import': ['admin', 'office_staff'],
  'role.grant_admin': ['admin'],
  'session.revoke': ['admin'],
  'audit.read': ['admin'],
  'problem.read': ALL_STAFF,
  // The county viewer reads its towns' problems but writes nothing in their loop.
  'problem.report': ALL_STAFF.filter((r) => r !== 'county_viewer'),
  'problem.office': ['admin', 'office_staff'],
  'problem.verify': ['admin', 'office_staff', 'supervisor'],
  'problem.rectify': ['admin', 'community_staff', 'unit_liaison'],
  'category.manage': ['admin'],
  'routing.manage': ['admin', 'office_staff'],
  'calendar.manage': ['admin'],
  'accountability.read': ['admin', 'county_viewer', 'town_leader', 'office_staff'],
  'accountability.decide': ['admin', 'town_leader'],
  'accountability.manage': ['admin', 'office_staff'],
  'webhook.manage': ['admin', 'office_staff'],
  'webhook.allow_hosts': ['admin'],
  'assessment.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'assessment.manage': ['admin', 'office_staff'],
  'ranking.approve': ['admin', 'town_leader'],
  'ranking.publish': ['admin', 'county_viewer'],
  'notice.read': ALL_STAFF,
  'notice.draft': ['admin', 'office_staff', 'supervisor'],
  'notice.compose': ['admin', 'office_staff'],
  'notice.approve': ['admin', 'town_leader'],
  'notice.county_issue': ['admin', 'county_viewer'],
  'inspection.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff', 'street_chief'],
  'inspection.record': ['admin', 'town_leader', 'office_staff', 'supervisor', 'community_staff', 'street_chief'],
  'phone.sync': ['admin', 'town_leader', 'office_staff', 'supervisor', 'community_staff', 'street_chief', 'unit_liaison', 'interviewer'],
  'inspection.manage': ['admin', 'office_staff'],
  'checklist.manage': ['admin'],
  'map.manage': ['admin'],
  'figure.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'meeting.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'meeting.manage': ['admin', 'office_staff', 'community_staff'],
  'activity.read': ALL_STAFF,
  'activity.manage': ['admin', 'office_staff', 'community_staff'],
  'activity.kinds': ['admin'],
  'meeting.kinds': ['admin'],
  'report.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'report.submit': ['admin', 'community_staff'],
  'report.manage': ['admin', 'office_staff'],
  'report.yearend': ['admin', 'office_staff', 'community_staff'],
  'screen.view': ['admin', 'county_viewer', 'town_leader', 'office_staff'],
  'screen.tokens': ['admin', 'county_viewer', 'office_staff'],
  'publicity.read': ALL_STAFF,
  'publicity.manage': ['admin', 'office_staff', 'community_staff'],
  'publicity.admin': ['admin'],
  'campaign.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'campaign.manage': ['admin', 'office_staff'],
  'campaign.record': ['admin', 'office_staff', 'community_staff'],
  'campaign.kinds': ['admin'],
  'survey.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'survey.manage': ['admin', 'office_staff', 'community_staff'],
  'survey.coordinate': ['admin', 'office_staff'],
  'survey.answer': ['admin', 'unit_liaison'],
  'survey.kinds': ['admin'],
  'fund.read': ['admin', 'county_viewer', 'town_leader', 'office_staff'],
  'fund.manage': ['admin', 'office_staff'],
  'evaluation.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'unit_liaison'],
  'evaluation.manage': ['admin', 'office_staff'],
  'evaluation.submit': ['admin', 'office_staff', 'unit_liaison'],
  'volunteer.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'volunteer.manage': ['admin', 'office_staff', 'community_staff'],
  'volunteer.export_id': ['admin', 'office_staff', 'community_staff'],
  'volunteer.self': ALL_STAFF,
  'order.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'order.manage': ['admin', 'office_staff', 'community_staff'],
  'poll.read': ['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff'],
  'poll.manage': ['admin', 'office_staff'],
  'poll.interview': ['admin', 'interviewer'],
};

/** A role held by the actor, resolved to the region subtree it covers. */
export interface EffectiveGrant {
  role: Role;
  /** Region code prefix covered; null means every region (a global admin). */
  regionCode: string | null;
  unitId: number | null;
}

export interface Actor {
  personId: number;
  name: string;
  grants: EffectiveGrant[];
}

export interface Target {
  regionCode?: string | null;
}

/**
 * The problem loop is a town's own: inside it only grants at town level or
 * below act. A grant above a town (a county-level unit's liaison, say) acts on
 * problems only as their assignee, which comes from the unit, not from here.
 * The global admin is the exception.
 */
export const TOWN_LOOP_ACTIONS: readonly Action[] = ['problem.report', 'problem.office', 'problem.verify'];
const TOWN_CODE_LENGTH = 9;

function grantActs(g: EffectiveGrant, action: Action): boolean {
  if (!RULES[action].includes(g.role)) return false;
  if (g.role === 'admin' || g.regionCode === null) return true;
  return !TOWN_LOOP_ACTIONS.includes(action) || g.regionCode.length >= TOWN_CODE_LENGTH;
}

/** May the actor do `action` (on a record in `target.regionCode`)? */
export function can(actor: Actor, action: Action, target?: Target): boolean {
  return actor.grants.some((g) => {
    if (!grantActs(g, action)) return false;
    if (g.regionCode === null) return true;
    if (!target || target.regionCode == null) return true;
    return target.regionCode.startsWith(g.regionCode);
  });
}

/**
 * May the actor add or remove liaisons of a unit in `unitRegionCode`? A
 * town's units (the town or below) by its office; a county-level unit (a
 * department, a co-building unit of the county) by the county office or an
 * admin, never by a town office, whose town it serves among others.
 */
export function canManageLiaisons(actor: Actor, unitRegionCode: string): boolean {
  return actor.grants.some(
    (g) =>
      grantActs(g, 'liaison.manage') &&
      (g.regionCode === null || unitRegionCode.startsWith(g.regionCode)) &&
      (g.role !== 'county_viewer' || unitRegionCode.length < TOWN_CODE_LENGTH),
  );
}

/**
 * The region prefixes in which the actor may do `action`: 'all', or a list
 * (possibly empty). Repositories turn this into `region_code LIKE prefix%`.
 */
export function regionScope(actor: Actor, action: Action): 'all' | string[] {
  const prefixes = new Set<string>();
  for (const g of actor.grants) {
    if (!grantActs(g, action)) continue;
    if (g.regionCode === null) return 'all';
    prefixes.add(g.regionCode);
  }
  // Drop prefixes already covered by a shorter one.
  const list = [...prefixes].sort((a, b) => a.length - b.length);
  return list.filter((p, i) => !list.slice(0, i).some((q) => p.startsWith(q)));
}

export function abilities(actor: Actor): Record<Action, boolean> {
  const out = {} as Record<Action, boolean>;
  for (const a of ACTIONS) out[a] = regionScope(actor, a) === 'all' || (regionScope(actor, a) as string[]).length > 0;
  return out;
}
