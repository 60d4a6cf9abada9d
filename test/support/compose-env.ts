/**
 * What `docker compose` does with docker-compose.yml's variables, for tests:
 * read a .env file and substitute `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?message}`, `${VAR?message}` and `$$` (a literal $),
 * as the Compose specification's interpolation section describes (no nested
 * substitution inside a default: docker-compose.yml uses none).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** KEY=VALUE lines; `#` comments and blank lines skipped; one pair of surrounding quotes removed. */
export function parseDotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`not a KEY=VALUE line: ${raw}`);
    const value = match[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    vars[match[1]!] = quoted ? quoted[2]! : value.replace(/\s+#.*$/, '');
  }
  return vars;
}

export class MissingVariableError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

const PATTERN = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^}])*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Substitutes one string; `:-`/`:?` treat an empty value as unset, `-`/`?` only an unset one. */
export function interpolate(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  return text.replace(PATTERN, (_whole, dollar?: string, braced?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
    if (dollar) return '$';
    const name = (braced ?? bare)!;
    const value = vars[name];
    const unset = value === undefined || (colon === ':' && value === '');
    if (op === '-') return unset ? (arg ?? '') : value!;
    if (op === '?') {
      if (unset) throw new MissingVariableError(name, arg || 'required variable is missing a value');
      return value!;
    }
    return value ?? '';
  });
}

function interpolateDeep(node: unknown, vars: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof node === 'string') return interpolate(node, vars);
  if (Array.isArray(node)) return node.map((n) => interpolateDeep(n, vars));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v, vars)]));
  return node;
}

/** The parts of a Compose file the tests read. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: unknown;
  volumes?: string[];
  ports?: string[];
  secrets?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { environment?: string; file?: string }>;
  volumes?: Record<string, unknown>;
}

/** The whole file as `docker compose config` would see it: merge keys resolved, variables substituted. */
export function renderCompose(composePath: string, vars: Readonly<Record<string, string | undefined>>): ComposeFile {
  return interpolateDeep(parse(readFileSync(composePath, 'utf8'), { merge: true }), vars) as ComposeFile;
}

/** Each service's environment (map or KEY=VALUE list), merge keys resolved, variables substituted, values as strings. */
export function renderComposeEnvironments(composePath: string, vars: Readonly<Record<string, string | undefined>>): Record<string, Record<string, string>> {
  const rendered = renderCompose(composePath, vars);
  return Object.fromEntries(Object.entries(rendered.services).map(([name, service]) => {
    const env = service.environment ?? {};
    const pairs = Array.isArray(env)
      ? env.map((e: string) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])
      : Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]);
    return [name, Object.fromEntries(pairs) as Record<string, string>];
  }));
}
