import type { ComponentType } from 'react';
import type { Action } from '../../../domain/permissions.ts';

/** A desk page behind the sign-in: '' is the index route. Without an action any signed-in user may open it. */
export interface DeskRoute {
  path: string;
  page: ComponentType;
  action?: Action;
}
