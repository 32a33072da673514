/** Placeholder: the page is being built. */
export function LedgerPage() {
  return null;
}
