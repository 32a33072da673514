/** Adds a data-testid to props objects (okButtonProps …) where JSX attributes cannot go. */
export function withTestId<T extends object>(props: T, id: string): T {
  return { ...props, 'data-testid': id };
}
