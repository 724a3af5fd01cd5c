// The 大屏's constants, shared by the server and the screen's own bundle (no zod here: the screen loads this).
/** The header a wall display sends its token in (never a cookie: it is not a person's session). */
export const DISPLAY_TOKEN_HEADER = 'x-display-token';
/** How often the screen asks again (seconds); also the longest it shows stale data without saying so. */
export const SCREEN_REFRESH_SECONDS = 20;
