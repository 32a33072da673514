/** Placeholder: the page is being built. */
export function HandbookPage() {
  return null;
}
