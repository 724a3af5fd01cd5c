// /api/fund: the campaign fund (issue 18 item 5): the ledger (append-only
// entries in fen: income by source, optionally earmarked for a project;
// spending always against a project; reversing entries), balances per period
// and per project, the ledger .xlsx, and the projects (budget, department,
// milestones with progress, photos, the 摸排 needs they answer).
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { DIRECTIONS, INCOME_SOURCES, PROJECT_STATES } from '../fund.ts';

const ref = z.object({ id: rowId, name: z.string() });
const fen = z.number().int().describe('金额（分）');

export const fundEntry = z.object({
  id: rowId,
  townCode: z.string(),
  direction: z.enum(DIRECTIONS),
  directionLabel: z.string(),
  source: z.enum(INCOME_SOURCES).nullable(),
  sourceLabel: z.string().nullable(),
  amountFen: fen.describe('金额（分）；冲正记录为负数'),
  amountYuan: z.string(),
  onDate: day,
  project: ref.nullable(),
  unit: ref.nullable(),
  note: z.string(),
  reversesId: rowId.nullable(),
  reversedById: rowId.nullable(),
  vouchers: z.array(z.object({ id: rowId, name: z.string(), url: z.string(), kind: z.enum(['document', 'photo']) })),
  createdByName: z.string().nullable(),
  createdAt: instant,
  can: z.object({ reverse: z.boolean() }),
});
export const fundEntryList = page(fundEntry);
/** One entry with its counterpart: the entry a reversal corrects, or the reversal that corrected it. */
export const fundEntryDetail = fundEntry.extend({ reverses: fundEntry.nullable(), reversedBy: fundEntry.nullable() });

const projectMoney = z.object({ budgetFen: fen, spentFen: fen, earmarkedFen: fen, remainingFen: fen });
export const milestone = z.object({ id: rowId, name: z.string(), dueDate: day.nullable(), progress: z.number().int(), doneOn: day.nullable() });

export const fundProjectItem = projectMoney.extend({
  id: rowId,
  townCode: z.string(),
  kind: z.string(),
  name: z.string(),
  unit: ref,
  state: z.enum(PROJECT_STATES),
  stateLabel: z.string(),
  progress: z.number().int().describe('各节点进度的平均值（0-100）'),
  version: z.number().int(),
});
export const fundProjectList = z.object({ items: z.array(fundProjectItem), can: z.object({ manage: z.boolean() }) });

export const fundProjectDetail = fundProjectItem.extend({
  description: z.string().nullable(),
  milestones: z.array(milestone),
  needs: z.array(z.object({ id: rowId, description: z.string(), state: z.string(), kindName: z.string() })),
  photos: z.array(z.object({ id: rowId, url: z.string(), thumbUrl: z.string() })),
  createdAt: instant,
  can: z.object({ edit: z.boolean(), record: z.boolean() }),
});

export const fundBalance = z.object({
  region: z.string(),
  from: day,
  to: day,
  openingFen: fen,
  incomeFen: fen,
  spendFen: fen,
  closingFen: fen,
  bySource: z.array(z.object({ source: z.enum(INCOME_SOURCES), label: z.string(), amountFen: fen })),
  byProject: z.array(projectMoney.extend({ id: rowId, name: z.string(), spentInPeriodFen: fen })),
});

export const fundOptions = z.object({
  townCode: z.string(),
  projects: z.array(ref),
  units: z.array(ref.extend({ kind: z.string() })),
  projectKinds: z.array(z.string()),
});

export type FundEntry = Wire<typeof fundEntry>;
export type FundEntryList = Wire<typeof fundEntryList>;
export type FundEntryDetail = Wire<typeof fundEntryDetail>;
export type FundProjectItem = Wire<typeof fundProjectItem>;
export type FundProjectList = Wire<typeof fundProjectList>;
export type FundProjectDetail = Wire<typeof fundProjectDetail>;
export type FundBalance = Wire<typeof fundBalance>;
export type FundOptions = Wire<typeof fundOptions>;
