/**
 * "Guest" beside a name wherever the live room lists people: someone invited to this one session
 * from outside the group (a family member, say), so everyone knows who is present. In words, not
 * colour alone; `className` fits it to a dark video tile.
 */
export function GuestMark({ person, className = 'tag' }: { person: { guest: boolean }; className?: string }) {
  if (!person.guest) return null;
  return (
    <>
      {' '}
      <span className={className}>Guest</span>
    </>
  );
}
