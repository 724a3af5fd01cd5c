// What a demo account is (accounts.ts lists them): the units the loader
// creates by key, the scope a grant covers, and the account itself.
import type { Role } from '../../domain/roles.ts';

/**
 * Units the loader creates, by key. `community.<i>` keys take the index of a
 * community in code order (0 = 水东街社区 in the default town).
 */
export type DemoUnitKey =
  | 'county_office'
  | 'town_office'
  | 'practice_institute'
  | 'dept.urban'
  | 'dept.culture'
  | 'dept.traffic'
  | 'dept.heritage'
  | 'dept.power'
  | `cobuild.${number}`
  | `committee.${number}`
  | `volunteer.town.${number}`
  | `volunteer.community.${number}`;

export type DemoScope = { region: 'county' } | { region: 'town' } | { region: 'community'; community: number } | { unit: DemoUnitKey };

export interface DemoAccount {
  /** Login name for the key accounts; the others sign in with their phone. */
  username: string | null;
  phone: string;
  name: string;
  title: string;
  role: Role;
  scope: DemoScope;
  /** The unit the person works for (people.unit_id). */
  unit: DemoUnitKey | null;
  /** Street chiefs: how many streets/compounds/points of their community they hold. */
  places?: number;
  /** The scope as read in the default town, for the README table. */
  scopeLabel: string;
}

/** The scope of one community of the default town, by its index in code order. */
export const inCommunity = (community: number): DemoScope => ({ region: 'community', community });
