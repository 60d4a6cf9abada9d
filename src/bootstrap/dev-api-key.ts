import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { projectRoot } from './project-root.js';

/**
 * RELANCE_DEV_API_KEY when set; otherwise a generated key kept under the
 * data directory, so a restart does not invalidate the ERP's configuration.
 */
export function resolveDevApiKey(config: AppConfig): { key: string; generated: boolean } {
  if (config.RELANCE_DEV_API_KEY) return { key: config.RELANCE_DEV_API_KEY, generated: false };
  const file = join(resolve(projectRoot(), config.RELANCE_DATA_DIR), 'dev-api-key');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return { key: stored, generated: true };
  }
  const key = `rl_dev_${randomBytes(24).toString('base64url')}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return { key, generated: true };
}
