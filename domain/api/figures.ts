// GET /api/figures: the figure registry's answer (domain/figures.ts,
// server/modules/figures/). Every figure with its definition, its value (null:
// no register provides it yet) and the desk page listing the counted records.
import { z } from 'zod';
import { day, type Wire } from './common.ts';

export const figureValue = z.object({
  id: z.string(),
  seq: z.number().int().nullable().describe('年度总结中的序号（①-㉗），其他数字为 null'),
  name: z.string(),
  unit: z.string(),
  definition: z.string(),
  value: z.number().nullable().describe('null：尚无台账提供此数字（缺失，不是 0）'),
  drillUrl: z.string().nullable().describe('列出所计记录的页面（带筛选条件）'),
});

export const figuresAnswer = z.object({
  region: z.string(),
  regionName: z.string(),
  from: day,
  to: day,
  figures: z.array(figureValue),
});

export type FigureValueWire = Wire<typeof figureValue>;
export type FiguresAnswer = Wire<typeof figuresAnswer>;
