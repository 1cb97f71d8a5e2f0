/** The roles of docs/api.md ("Accounts, sessions and the care team") and what each may see. */

export const roles = ['participant', 'peer_mentor', 'peer_specialist', 'clinician', 'family', 'admin'] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Readonly<Record<Role, string>> = {
  participant: 'Participant',
  peer_mentor: 'Peer mentor',
  peer_specialist: 'Peer specialist',
  clinician: 'Clinician',
  family: 'Family member',
  admin: 'Administrator',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The label of a role; a role this app does not know yet is spelled out from its code. */
export function roleLabel(role: string): string {
  if (isRole(role)) return roleLabels[role];
  const words = role.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function roleList(list: readonly string[]): string {
  return list.length === 0 ? 'No roles' : list.map(roleLabel).join(', ');
}

export const isAdmin = (list: readonly string[]): boolean => list.includes('admin');

/** The `care_team` rule: clinician or admin. */
export const isCareTeam = (list: readonly string[]): boolean => list.includes('clinician') || list.includes('admin');

/** The `staff` rule: clinician, peer specialist or admin. */
export const isStaff = (list: readonly string[]): boolean =>
  list.includes('clinician') || list.includes('peer_specialist') || list.includes('admin');

export const isParticipant = (list: readonly string[]): boolean => list.includes('participant');
