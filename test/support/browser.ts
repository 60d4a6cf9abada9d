import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlatform, uniqueId, type Platform } from './platform.js';

/** Debian's Chromium; playwright-core is pinned to the release built for its major version. Never downloaded. */
export const CHROMIUM_PATH = process.env.RELANCE_CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
/**
 * Screenshots go under .relance/screenshots (ignored), so a test run leaves a clone clean; with
 * RELANCE_UPDATE_SCREENSHOTS=1 they replace the committed ones in docs/screenshots.
 */
export const SCREENSHOTS = process.env.RELANCE_UPDATE_SCREENSHOTS === '1'
  ? join(root, 'docs', 'screenshots')
  : join(root, '.relance', 'screenshots');

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The console built once per test run (into the run's suite folder), so the
 * tests check the current web/ sources and never a stale dist/web.
 */
export async function consoleBuild(): Promise<string> {
  const suiteState = process.env.RELANCE_SUITE_STATE;
  if (!suiteState) throw new Error('RELANCE_SUITE_STATE is unset: run the tests through jest (global setup)');
  const dir = join(dirname(suiteState), 'console');
  const index = join(dir, 'index.html');
  if (existsSync(index)) return dir;
  try {
    mkdirSync(`${dir}.lock`);
  } catch {
    // Another test file is building it.
    for (let waited = 0; !existsSync(index); waited += 200) {
      if (waited > 120_000) throw new Error('the console build did not finish');
      await sleep(200);
    }
    return dir;
  }
  execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', join(root, 'web', 'vite.config.ts'), '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

/** The real platform (API, worker, Temporal, PostgreSQL) serving the freshly built console. */
export async function startConsolePlatform(): Promise<Platform> {
  return startPlatform({ env: { RELANCE_CONSOLE_DIR: await consoleBuild() } });
}

export function launchChromium(): Promise<Browser> {
  // Root in CI containers: Chromium's sandbox needs user namespaces it does not get there.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, chromiumSandbox: false });
}

/** A French-speaking browser in Paris with a fixed viewport (screenshots stay comparable). */
export async function newConsoleContext(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    if (process.env.TEST_BROWSER_LOG) process.stderr.write(`[browser ${message.type()}] ${message.text()}\n`);
  });
  if (process.env.TEST_BROWSER_LOG) page.on('response', (r) => r.status() >= 400 && process.stderr.write(`[browser http] ${r.status()} ${r.request().method()} ${r.url()}\n`));
  page.on('pageerror', (err) => cspViolations.push(`page error: ${err.message}`));
  return { context, page, cspViolations };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeApi {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2 A/AA rules on the page as it is; the serious and critical findings. */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  // A dialog fading in is half transparent: its colours would be judged mid-transition. Let them finish.
  // A function (not a string) so the page's CSP, which forbids eval, does not apply; two frames let a
  // transition that was just scheduled start, and the loop catches one that another one's end started.
  await page.evaluate(async () => {
    const win = globalThis as unknown as {
      requestAnimationFrame(cb: () => void): number;
      document: { getAnimations(): { finished: Promise<unknown> }[] };
    };
    const frame = () => new Promise<void>((resolve) => win.requestAnimationFrame(() => resolve()));
    for (let round = 0; round < 10; round += 1) {
      await frame();
      await frame();
      const running = win.document.getAnimations();
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
  // evaluate() runs outside the page's CSP, which forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page (this file is type-checked without the DOM library).
    const page = globalThis as unknown as { axe: AxeApi; document: unknown };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A screenshot for the docs: <name>.png in SCREENSHOTS (docs/screenshots, committed, only when asked). */
export async function docScreenshot(page: Page, name: string, options: { height?: number } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The viewport, not fullPage: the console's fixed header would be painted mid-page.
  const viewport = page.viewportSize();
  if (options.height && viewport) await page.setViewportSize({ ...viewport, height: options.height });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  if (options.height && viewport) await page.setViewportSize(viewport);
}

/** A person with a password, chosen from the invitation the API emailed (the validator test covers that page). */
export async function personWithPassword(platform: Platform, name: string, roles: string[], password: string): Promise<{ id: string; email: string }> {
  const created = await platform.request('POST', '/api/v1/users', { email: `${uniqueId('person')}@relance.example`, name, roles });
  if (created.status !== 201) throw new Error(`user not created: ${JSON.stringify(created.body)}`);
  const email = created.body.email as string;
  const invited = await platform.request('POST', `/api/v1/users/${created.body.id}/invitation`);
  if (invited.status !== 202) throw new Error(`invitation refused: ${invited.status}`);
  const mail = platform.providers.acceptedEmails().filter((m) => JSON.stringify(m.personalizations).includes(email)).at(-1);
  const token = /token=([^\s"&]+)/.exec((mail?.content ?? []).map((c) => c.value).join('\n'))?.[1];
  if (!token) throw new Error(`no invitation emailed to ${email}`);
  const set = await platform.request('POST', '/api/v1/session/password', { token: decodeURIComponent(token), password }, { apiKey: null });
  if (set.status !== 200) throw new Error(`password not set: ${set.status}`);
  return { id: created.body.id, email };
}

export async function signIn(page: Page, path: string, email: string, password: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Connexion à Relance' }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}
