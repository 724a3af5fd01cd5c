// Who the caller is with respect to problems: which problems they may see
// (ProblemScope, turned into SQL by the repository) and, for one problem,
// which parties of the workflow they are (office, assignee, verifier).
import { can, type Actor } from '../../../domain/permissions.ts';
import type { Party } from '../../../domain/problems/workflow.ts';

export interface ProblemScope {
  /** Region prefixes whose problems are wholly visible ('all' for a global admin). */
  regions: 'all' | string[];
  /** Community codes whose cadres also see problems assigned to units located there. */
  assigneeCommunities: string[];
  /** Units whose assigned problems are visible (liaisons). */
  units: number[];
  /** The caller's own reports are always visible. */
  personId: number;
}

const WHOLE_REGION_ROLES = new Set(['admin', 'county_viewer', 'town_leader', 'office_staff', 'supervisor', 'community_staff', 'street_chief']);

export function problemScope(actor: Actor): ProblemScope {
  const regions = new Set<string>();
  let all = false;
  const assigneeCommunities: string[] = [];
  const units: number[] = [];
  for (const g of actor.grants) {
    if (WHOLE_REGION_ROLES.has(g.role)) {
      if (g.regionCode === null) all = true;
      else regions.add(g.regionCode);
    }
    if (g.role === 'community_staff' && g.regionCode) assigneeCommunities.push(g.regionCode);
    if ((g.role === 'unit_liaison' || g.role === 'volunteer') && g.unitId) {
      if (g.role === 'unit_liaison') units.push(g.unitId);
    }
  }
  return { regions: all ? 'all' : [...regions], assigneeCommunities, units, personId: actor.personId };
}

export interface ProblemForParties {
  regionCode: string;
  responsibleUnitId: number | null;
  responsibleUnitRegion: string | null;
  responsibleUnitKind: string | null;
}

/** The workflow parties the actor is for this problem. */
export function partiesFor(actor: Actor, p: ProblemForParties): Set<Party> {
  const out = new Set<Party>();
  if (can(actor, 'problem.office', { regionCode: p.regionCode })) out.add('office');
  if (can(actor, 'problem.verify', { regionCode: p.regionCode })) out.add('verifier');
  if (p.responsibleUnitId) {
    for (const g of actor.grants) {
      if (g.role === 'unit_liaison' && g.unitId === p.responsibleUnitId) out.add('assignee');
      // A community's cadres act for the community-level units located there (居委会, 实践站).
      if (g.role === 'community_staff' && g.regionCode && p.responsibleUnitRegion?.startsWith(g.regionCode)) out.add('assignee');
    }
  }
  return out;
}
