// The shape of the code (issue 13): a server module uses another only through
// its public face (index.ts) and writes only its own tables; the web's shared
// components never reach into a page. A failure names the file and the line.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const files = (dir: string, ext: RegExp): string[] =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name), ext) : ext.test(d.name) ? [path.join(dir, d.name)] : []));

const serverModules = files('server/modules', /\.ts$/);
const moduleOf = (f: string) => f.split(path.sep)[2];

/**
 * Who writes each table. A table is its module's; the few shared ones say why.
 * A new table must be added here with its owner (the test fails otherwise).
 */
const OWNERS: Record<string, string[]> = {
  problems: ['problems'],
  problem_events: ['problems'],
  problem_followers: ['problems'],
  extension_requests: ['problems'],
  // The photo store: problems store and attach photos; an inspection's sync binds its grade photos in its own statement.
  problem_photos: ['problems', 'inspections'],
  reinspections: ['reinspections'],
  rectification_plans: ['plans'],
  plan_milestones: ['plans'],
  plan_progress: ['plans'],
  notices: ['notices'],
  notice_items: ['notices'],
  notice_counters: ['notices'],
  inspections: ['inspections'],
  inspection_grades: ['inspections'],
  inspection_findings: ['inspections'],
  inspection_misses: ['inspections'],
  inspection_cadences: ['inspections'],
  checklists: ['inspections'],
  checklist_items: ['inspections'],
  place_assignments: ['inspections'],
  supervision_assignments: ['inspections'],
  assessment_rules: ['assessment'],
  points_ledger: ['assessment'],
  rankings: ['assessment'],
  live_rankings: ['assessment'],
  accountability_items: ['accountability'],
  inbox_items: ['inbox'],
  region_boundaries: ['map'],
  files: ['files'],
  file_links: ['files'],
  meeting_kinds: ['meetings'],
  meetings: ['meetings'],
  meeting_attendees: ['meetings'],
  meeting_decisions: ['meetings'],
  decision_progress: ['meetings'],
  study_trips: ['meetings'],
  study_trip_participants: ['meetings'],
  meeting_cadences: ['meetings'],
  display_tokens: ['screen'],
  evaluation_systems: ['evaluation'],
  evaluation_nodes: ['evaluation'],
  evaluation_node_units: ['evaluation'],
  evaluation_cycles: ['evaluation'],
  evaluation_assignments: ['evaluation'],
  evaluation_materials: ['evaluation'],
  poll_questionnaires: ['polls'],
  poll_items: ['polls'],
  poll_waves: ['polls'],
  poll_responses: ['polls'],
  poll_answers: ['polls'],
  poll_followups: ['polls'],
  activities: ['activities'],
  campaign_kinds: ['campaigns'],
  campaign_tally_kinds: ['campaigns'],
  campaigns: ['campaigns'],
  campaign_areas: ['campaigns'],
  campaign_categories: ['campaigns'],
  campaign_days: ['campaigns'],
  campaign_day_counts: ['campaigns'],
  campaign_problems: ['campaigns'],
  // The need kinds share the campaigns' one kind-list repository (campaigns/kinds.repository.ts).
  survey_need_kinds: ['campaigns'],
  survey_needs: ['surveys'],
  survey_need_units: ['surveys'],
  survey_need_events: ['surveys'],
  fund_projects: ['fund'],
  fund_milestones: ['fund'],
  fund_project_needs: ['fund'],
  fund_entries: ['fund'],
  activity_kinds: ['activities'],
  activity_calendar: ['activities'],
  activity_co_units: ['activities'],
  station_places: ['activities'],
  report_settings: ['reports'],
  community_daily_reports: ['reports'],
  town_reports: ['reports'],
  report_counters: ['reports'],
  yearend_docs: ['reports'],
  publicity_terms: ['publicity'],
  publicity_articles: ['publicity'],
  publicity_led_programmes: ['publicity'],
  publicity_handouts: ['publicity'],
  publicity_door_sessions: ['publicity'],
  publicity_door_session_units: ['publicity'],
  publicity_facilities: ['publicity'],
  publicity_requirements: ['publicity'],
  publicity_requirement_items: ['publicity'],
  volunteers: ['volunteers'],
  volunteer_memberships: ['volunteers'],
  volunteer_service: ['volunteers'],
  volunteer_signups: ['volunteers'],
  volunteer_checkin_codes: ['volunteers'],
  service_orders: ['volunteers'],
  calendar_days: ['calendar'],
  dispatch_rules: ['routing'],
  notifications: ['notifications'],
  webhooks: ['webhooks'],
  webhook_deliveries: ['webhooks'],
  // A person's record is the people module's; their password and sign-ins are auth's.
  people: ['people', 'auth'],
  sessions: ['auth', 'people'],
  role_grants: ['people'],
  login_throttle: ['auth'],
  // The audit log is the platform's: repositories write it only with auditValues() in the same statement as the change.
  audit_log: ['*'],
  // Per-region settings (key → JSON) of several modules, each under its own keys.
  settings: ['accountability', 'webhooks'],
};

describe('server modules', () => {
  it('use another module only through its index.ts', () => {
    const bad: string[] = [];
    for (const f of serverModules) {
      fs.readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = /from '\.\.\/([a-z]+)\/([\w./-]+)'/.exec(line);
          if (m && m[1] !== moduleOf(f) && m[2] !== 'index.ts') bad.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('write only their own tables', () => {
    const bad: string[] = [];
    for (const f of serverModules) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)\b/g)) {
        const owners = OWNERS[m[1]];
        const line = text.slice(0, m.index).split('\n').length;
        if (!owners) bad.push(`${f}:${line}: table ${m[1]} has no owner in OWNERS`);
        else if (!owners.includes('*') && !owners.includes(moduleOf(f))) bad.push(`${f}:${line}: writes ${m[1]}, which is ${owners.join('/')}'s`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('repositories', () => {
  // Every module keeps its SQL (sql`…` and drizzle-orm) in its *.repository.ts files.
  it('hold the SQL of every module', () => {
    const bad = serverModules
      .filter((f) => !f.endsWith('.repository.ts'))
      .flatMap((f) =>
        fs
          .readFileSync(path.join(root, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/\bsql`|from 'drizzle-orm'/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(bad).toEqual([]);
  });
});

describe('the web', () => {
  // components/ are building blocks any page uses; the app shell (web/src/shell/: layout, menus, the sign-in
  // gate) is the one place that knows the pages.
  it('shared components never import a page', () => {
    const bad = files('web/src/components', /\.tsx?$/).flatMap((f) =>
      fs
        .readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/from '(\.\.\/)+pages\//.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(bad).toEqual([]);
  });
});
