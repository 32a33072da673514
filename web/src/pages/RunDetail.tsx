/** Placeholder: the page is being built. */
export function RunDetailPage() {
  return null;
}
