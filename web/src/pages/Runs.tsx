/** Placeholder: the page is being built. */
export function RunsPage() {
  return null;
}
