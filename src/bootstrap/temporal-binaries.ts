import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Binaries from '../../scripts/temporal-binaries.mjs';
import { projectRoot } from './project-root.js';

/**
 * The binary resolver is plain JS under scripts/ (it runs at `npm install`,
 * before any build), so it is loaded by path from sources and dist/ alike.
 */
export async function loadTemporalBinaries(): Promise<typeof Binaries> {
  return (await import(pathToFileURL(join(projectRoot(), 'scripts', 'temporal-binaries.mjs')).href)) as typeof Binaries;
}
