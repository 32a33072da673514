/** Placeholder: the page is being built. */
export function SchemesPage() {
  return null;
}
