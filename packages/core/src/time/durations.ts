/** Meeting lengths offered by default, in minutes. */
export const DURATION_PRESETS: readonly number[] = Object.freeze([15, 30, 45, 60, 90]);
