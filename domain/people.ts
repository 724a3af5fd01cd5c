// Rules about people that both the server and the web apply (the server decides).
export const PHONE_RE = /^1[3-9]\d{9}$/;
export const USERNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;

export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return '密码至少 8 位';
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码须同时包含字母和数字';
  return null;
}

/** 138****5678: what most roles see of someone's phone number. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/**
 * Failed sign-ins (the server counts them in login_throttle; README "Sign-in
 * lockout"). Every wrong password counts, whether the name belongs to an
 * account or not, so answers never tell which names exist.
 * - Per (name, client IP): the first `ipFreeFailures` are free; from then on
 *   each failure shuts that IP out of that name for ipDelaySeconds(n) (2, 4,
 *   8 … s, at most `ipMaxDelaySeconds`). A success from the IP, or
 *   `ipForgetHours` without a failure, clears the count.
 * - Per name across all IPs: `accountMaxFailures` failures within
 *   `accountWindowMinutes` lock the name for `accountLockMinutes` for every IP
 *   except those the account signed in from during the last `knownIpDays`.
 * A shut-out attempt answers AUTH_LOCKED without checking the password and
 * does not count. An admin's unlock clears both.
 */
export const LOCKOUT = {
  ipFreeFailures: 3,
  ipMaxDelaySeconds: 900,
  ipForgetHours: 24,
  accountMaxFailures: 20,
  accountWindowMinutes: 15,
  accountLockMinutes: 15,
  knownIpDays: 30,
} as const;

/** How long an IP is shut out of a name after its n-th consecutive failure (0: not at all). */
export function ipDelaySeconds(failures: number): number {
  if (failures < LOCKOUT.ipFreeFailures) return 0;
  return Math.min(2 ** (failures - LOCKOUT.ipFreeFailures + 1), LOCKOUT.ipMaxDelaySeconds);
}
