/** Placeholder: the page is being built. */
export function BoardPage() {
  return null;
}
