/** Labels of the points pages. Each entry is [中文, English]. */
export const pointsMessages = {
} as const satisfies Record<string, readonly [string, string]>;
