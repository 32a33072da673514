/** Placeholder: the page is being built. */
export function SchemeDetailPage() {
  return null;
}
