/** A polite status while something loads; no spinner animation (calm, and motion-safe). */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}
