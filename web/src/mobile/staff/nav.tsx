// Navigation (shared with the resident pages) and a one-time message for the next page.
export { A, go, usePath } from '../nav.tsx';

let flash: string | null = null;
/** A one-time message for the next page (e.g. "巡查已完成" after finishing). */
export function setFlash(msg: string) {
  flash = msg;
}
export const peekFlash = () => flash;
export function clearFlash() {
  flash = null;
}
