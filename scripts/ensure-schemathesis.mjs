// @ts-check
// Installs schemathesis (PyPI, pinned) into .relance/tools/schemathesis/ (a Python venv) once; prints the CLI path.
// Run by `npm run test:fuzz` (a step of `npm test`) before it starts anything; a pinned version change reinstalls.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMATHESIS_VERSION = '4.32.5';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.relance', 'tools', 'schemathesis');
export const schemathesisCli = join(venv, 'bin', 'schemathesis');

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const r = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
  if (r.error || r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.error ?? `exit ${r.status}`})`);
}

/** @returns {string} the schemathesis CLI */
export function ensureSchemathesis() {
  const marker = join(venv, `.installed-${SCHEMATHESIS_VERSION}`);
  if (existsSync(marker) && existsSync(schemathesisCli)) return schemathesisCli;
  if (!existsSync(join(venv, 'bin', 'python'))) run('python3', ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`]);
  run('touch', [marker]);
  return schemathesisCli;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureSchemathesis()}\n`);
}
