// Shapes of the API responses the web reads: the wire side of the server's
// response schemas (domain/api/), so the two cannot drift.
export type { Me, Can } from '../../../domain/api/auth.ts';
export type { TreeNode, Region, RegionDetail, Place, PlaceList } from '../../../domain/api/regions.ts';
export type { Unit, UnitList } from '../../../domain/api/units.ts';
export type { Person, PersonRole, PeoplePage, Session, ImportResult } from '../../../domain/api/people.ts';
export type { AuditRow, AuditPage, AuditVerify } from '../../../domain/api/audit.ts';

/** One row's problem in a refused import (error details). */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}
