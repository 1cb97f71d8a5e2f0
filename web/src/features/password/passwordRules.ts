/**
 * The password rules the server enforces (docs/api.md; NIST SP 800-63B §5.1.1.2: length over
 * composition rules, and no common or context-specific passwords). The app checks what it can
 * before sending; whether a password is common only the server knows.
 */
export const minimumPasswordLength = 12;

export const passwordRules = [
  `At least ${minimumPasswordLength} characters. A few unrelated words make a long password easy to remember.`,
  'Not a common password.',
  'Not your email address or your name.',
] as const;

export interface PasswordProblems {
  password?: string;
  confirm?: string;
}

export function checkPassword(
  password: string,
  confirm: string,
  context: { email?: string; name?: string } = {},
): PasswordProblems {
  const problems: PasswordProblems = {};
  const folded = password.trim().toLowerCase();
  const email = context.email?.trim().toLowerCase() ?? '';
  const name = context.name?.trim().toLowerCase() ?? '';
  const localPart = email.split('@')[0] ?? '';
  if (characterCount(password) < minimumPasswordLength) {
    problems.password = `Use at least ${minimumPasswordLength} characters.`;
  } else if (folded !== '' && [email, localPart, name].some((value) => value !== '' && folded === value)) {
    problems.password = 'Do not use your email address or your name as your password.';
  }
  if (confirm !== password) problems.confirm = 'The two passwords are not the same.';
  return problems;
}

/** Characters as people count them (code points, as the server counts), not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}
