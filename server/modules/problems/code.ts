// The problem code (问题编号, also the resident's tracking code): the China
// date as YYMMDD and six random digits. Every intake path draws it here; a
// collision is caught by the unique index and the caller draws again.
import crypto from 'node:crypto';
import { todayChina } from '../calendar/index.ts';

export function newProblemCode(today: string = todayChina()): string {
  return today.slice(2).replace(/-/g, '') + String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}
