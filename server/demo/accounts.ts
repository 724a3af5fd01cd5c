// The demo accounts: one list shared by the demo loader, the tests and the
// README, so the documented logins are the ones that exist. Every demo
// account has the same password and is not forced to change it. The list is
// kept in two parts: the town's own (accounts.town.ts) and the field's and the
// county's (accounts.field.ts), in this order.
import type { DemoAccount } from './accounts.shape.ts';
import { TOWN_ACCOUNTS } from './accounts.town.ts';
import { FIELD_ACCOUNTS } from './accounts.field.ts';

export type { DemoAccount, DemoScope, DemoUnitKey } from './accounts.shape.ts';

export const DEMO_PASSWORD = 'Demo@2026';
/** 福建省龙岩市长汀县汀州镇: a 国家历史文化名城 county seat, 13 communities. */
export const DEMO_TOWN = '350821100';

export const DEMO_ACCOUNTS: DemoAccount[] = [...TOWN_ACCOUNTS, ...FIELD_ACCOUNTS];
