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

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;
