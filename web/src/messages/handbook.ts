/** Labels of the handbook pages. Each entry is [中文, English]. */
export const handbookMessages = {
} as const satisfies Record<string, readonly [string, string]>;
