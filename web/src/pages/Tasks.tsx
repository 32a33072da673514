/** Placeholder: the page is being built. */
export function TasksPage() {
  return null;
}
