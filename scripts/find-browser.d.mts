/** Absolute path of a Chrome/Chromium binary; throws with install instructions when there is none. */
export function findBrowser(): string;
/** Flags for headless runs on locked-down machines. */
export const CHROME_ARGS: string[];
