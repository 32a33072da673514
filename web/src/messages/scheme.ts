/** Labels of the scheme pages. Each entry is [中文, English]. */
export const schemeMessages = {
} as const satisfies Record<string, readonly [string, string]>;
