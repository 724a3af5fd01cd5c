// Shapes of the API responses the web reads (the server is the authority).
import type { Action } from '../../../domain/permissions.ts';
import type { Role } from '../../../domain/roles.ts';
import type { PlaceKind, PointType } from '../../../domain/regions.ts';
import type { UnitKind } from '../../../domain/units.ts';

export type Can = Record<Action, boolean>;

export interface Me {
  user: {
    id: number; name: string; phone: string | null; username: string | null; title: string | null;
    regionCode: string | null; regionName: string | null; unitId: number | null; unitName: string | null;
    unitKindLabel: string | null; mustChangePassword: boolean;
  };
  roles: { role: Role; roleLabel: string; scopeRegionCode: string | null; scopeRegionName: string | null; scopeUnitId: number | null }[];
  can: Can;
}

export interface TreeNode { code: string; name: string; level: string; children: TreeNode[] }

export interface Region {
  code: string; name: string; level: string; parentCode: string | null; source: string; version: number;
}
export interface RegionDetail { region: Region; children: Region[]; can: { addGrid: boolean; addPlace: boolean; update: boolean } }

export interface Place {
  id: number; kind: PlaceKind; name: string; regionCode: string; pointType: PointType | null; address: string | null;
  lat: number | null; lng: number | null; isDemoPoint: boolean; version: number; can: { update: boolean; delete: boolean };
}
export interface PlaceList { items: Place[]; can: { create: boolean } }

export interface Unit {
  id: number; kind: UnitKind; kindLabel: string; name: string; regionCode: string; regionName: string | null;
  contactName: string | null; contactPhone: string | null; communities: { code: string; name: string }[];
  memberCount: number; version: number; can: { update: boolean; delete: boolean; liaisons: boolean };
}
export interface UnitList { items: Unit[]; can: { create: boolean } }

export interface PersonRole {
  id?: number; role: Role; roleLabel?: string; scopeRegionCode: string | null; scopeRegionName?: string | null;
  scopeUnitId: number | null; scopeUnitName?: string | null;
}
export interface Person {
  id: number; name: string; phone: string | null; username: string | null; title: string | null;
  regionCode: string; regionName: string | null; unitId: number | null; unitName: string | null;
  active: boolean; locked: boolean; mustChangePassword: boolean; version: number;
  roles: PersonRole[]; places: { id: number; name: string; kind: PlaceKind; regionCode: string }[];
  can: { update: boolean; resetPassword: boolean; revokeSessions: boolean };
}
export interface PeoplePage { items: Person[]; nextCursor: number | null; total: number; can: { create: boolean; import: boolean } }

export interface Session {
  id: string; createdAt: string; lastSeenAt: string | null; expiresAt: string; revokedAt: string | null;
  ip: string | null; userAgent: string | null; active: boolean;
}

export interface AuditRow {
  id: number; at: string; actorId: number | null; actorName: string | null; action: string; entity: string;
  entityId: string | null; regionCode: string | null; before: unknown; after: unknown; hash: string;
}
export interface AuditPage { items: AuditRow[]; nextBefore: number | null }
export interface AuditVerify { ok: boolean; rows: number; brokenId?: number; reason?: string }

export interface ImportResult { created: number; people: { row: number; id: number; name: string; phone: string | null; initialPassword: string | null }[] }
export interface ImportRowError { row: number; column: string; message: string }
