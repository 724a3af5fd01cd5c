// The region a page opens on: the caller's own scope when it is a town or a
// community (the office sees its town), else nothing and the page asks.
import type { Me } from '../../api/types.ts';

const INSPECTION_ROLES = ['office_staff', 'town_leader', 'supervisor', 'community_staff', 'street_chief', 'county_viewer', 'admin'];

export function defaultRegion(me: Me, minLength = 9): string | null {
  const scoped = me.roles
    .filter((r) => INSPECTION_ROLES.includes(r.role) && r.scopeRegionCode)
    .map((r) => r.scopeRegionCode!)
    .sort((a, b) => a.length - b.length);
  const pick = scoped.find((c) => c.length >= minLength) ?? (me.user.regionCode && me.user.regionCode.length >= minLength ? me.user.regionCode : null);
  return pick ?? null;
}
