// What the campaign form picks from, for a town the caller manages campaigns
// in: its communities and places (the areas) and the problem categories.
import type { Db } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { readScope } from './campaigns.service.ts';
import * as repo from './campaigns.repository.ts';
import { readAll } from '../../db/reads.ts';

export async function options(db: Db, actor: Actor, regionCode: string) {
  authorize(actor, 'campaign.manage');
  const town = regionCode.slice(0, 9);
  if (regionCode.length < 9 || !codeInScope(town, readScope(actor))) throw notFound('区划不存在或不在您的管辖范围内');
  if (!can(actor, 'campaign.manage', { regionCode: town })) throw new AppError('FORBIDDEN', '只有该乡镇的创城办可以组织专项行动');
  const [communities, places, categories] = await readAll(db, [() => repo.communitiesOf(db, town), () => repo.placesOf(db, town), () => repo.categories(db)]);
  return { townCode: town, communities, places, categories };
}
