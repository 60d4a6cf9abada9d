// Types for scripts/node-lines.mjs (plain JS: it runs under whichever Node it is testing).

/** What runs under each Node binary: jest path patterns by group. */
export const GROUPS: Readonly<{ unit: string[]; e2e: string[] }>;

/** Whether `version` ("v22.23.5" or "22.23.5") is inside an npm `engines` range such as "^20.19.0 || >=24.11.0". */
export function satisfies(version: string, range: string): boolean;
