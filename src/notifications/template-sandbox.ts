/**
 * Renders templates written by credit managers. Nunjucks compiles templates
 * to JavaScript and does not sandbox them (`{{ range.constructor(…)() }}`
 * would run code in the worker), so a template is first parsed and checked
 * against a small allow-list: output, data lookups, if/for/switch, operators
 * and text filters. No function calls, macros, includes, imports or `set`.
 * Unknown variables render empty: a typo must not block a send.
 */
import nunjucks from 'nunjucks';
import { TemplateRenderError } from './template-render.error.js';

interface TemplateNode {
  typename: string;
  fields: string[];
  value?: unknown;
  lineno?: number;
  colno?: number;
  [field: string]: unknown;
}

// Untyped in @types/nunjucks, stable since 2.x.
const parser = (nunjucks as unknown as { parser: { parse(src: string): TemplateNode } }).parser;

const ALLOWED_NODES = new Set([
  'Root', 'NodeList', 'Output', 'TemplateData', 'Literal', 'Symbol', 'LookupVal', 'Group', 'Array', 'Dict', 'Pair',
  'If', 'InlineIf', 'For', 'Switch', 'Case', 'Capture', 'Filter', 'KeywordArgs',
  'Compare', 'CompareOperand', 'In', 'Is', 'Or', 'And', 'Not',
  'Add', 'Concat', 'Sub', 'Mul', 'Div', 'FloorDiv', 'Mod', 'Neg', 'Pos',
]);

/** Text filters whose output stays about the size of their input (no `center(1e9)`, no `replace`). */
const ALLOWED_FILTERS = new Set([
  'abs', 'capitalize', 'd', 'default', 'first', 'float', 'int', 'join', 'last', 'length', 'lower',
  'reverse', 'round', 'sort', 'string', 'sum', 'title', 'trim', 'truncate', 'upper', 'wordcount',
]);

/** Filters that read a field named by a string argument (`statement | join(", ", "number")`). */
const ATTRIBUTE_FILTERS = new Set(['join', 'sort', 'sum']);

/** Loops over loops over the statement are plenty; deeper nesting only multiplies the work. */
const MAX_LOOP_DEPTH = 2;

const DATA_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const PROTOTYPES = [Object.prototype, String.prototype, Array.prototype, Number.prototype, Boolean.prototype, Function.prototype];

/** Members of JavaScript's built-in objects (`constructor`, `toString`, `__proto__`…), not data. */
function isBuiltInMember(name: string): boolean {
  return name !== 'length' && PROTOTYPES.some((proto) => name in proto);
}

function isInternalName(name: string): boolean {
  return !DATA_NAME.test(name) || isBuiltInMember(name);
}

// Plain text out; undefined renders empty; no loader, so nothing outside the template is reachable.
const sandboxEnv = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
// range(), cycler(), joiner(): not callable here anyway; cleared so they render empty like unknowns.
const globals = (sandboxEnv as unknown as { globals: Record<string, unknown> }).globals;
for (const name of Object.keys(globals)) delete globals[name];
const tests = (sandboxEnv as unknown as { tests: Record<string, unknown> }).tests;

/** The template's first problem in words (with its line and column), or null when it can be rendered. */
export function templateProblem(source: string): string | null {
  try {
    checkNode(parser.parse(source), 0);
    // Compiling catches what parsing does not (an unknown test, say).
    new nunjucks.Template(source, sandboxEnv, undefined, true);
    return null;
  } catch (err) {
    return err instanceof ForbiddenConstruct ? err.message : `syntax error${describeError(err)}`;
  }
}

/** Renders a checked template; `field` names it in errors. Throws TemplateRenderError. */
export function renderSandboxed(source: string, variables: object, field: string): string {
  const problem = templateProblem(source);
  if (problem) throw new TemplateRenderError(problem, field);
  try {
    return sandboxEnv.renderString(source, { ...variables });
  } catch (err) {
    throw new TemplateRenderError(`cannot render${describeError(err)}`, field);
  }
}

class ForbiddenConstruct extends Error {
  constructor(message: string, node: TemplateNode) {
    super(node.lineno === undefined ? message : `line ${node.lineno + 1}, column ${(node.colno ?? 0) + 1}: ${message}`);
  }
}

/** `loops`: how many for loops enclose the node. */
function checkNode(node: TemplateNode, loops: number): void {
  if (!ALLOWED_NODES.has(node.typename)) throw new ForbiddenConstruct(forbiddenMessage(node), node);
  const check = (child: unknown, depth = loops) => checkChild(child, depth);
  switch (node.typename) {
    case 'Symbol':
      checkName(String(node.value), node);
      return;
    case 'Literal':
      if (node.value instanceof RegExp) throw new ForbiddenConstruct('regular expressions are not allowed', node);
      return;
    case 'LookupVal': {
      const key = node.val as TemplateNode;
      const literal = key.typename === 'Literal' ? key.value : undefined;
      const isIndex = typeof literal === 'number' && Number.isInteger(literal) && literal >= 0;
      if (!isIndex && typeof literal !== 'string') {
        throw new ForbiddenConstruct('only fixed field names and indexes can be read (x.field, x[0])', node);
      }
      if (typeof literal === 'string') checkName(literal, node);
      check(node.target);
      return;
    }
    case 'Is': {
      // The right side names a test (`x is defined`), not a variable.
      const test = node.right as TemplateNode;
      if (test.typename === 'Symbol' && !Object.hasOwn(tests, String(test.value))) {
        throw new ForbiddenConstruct(`unknown test "${String(test.value)}"`, test);
      }
      check(node.left);
      if (test.typename !== 'Symbol') check(test);
      return;
    }
    case 'Filter': {
      const name = String((node.name as TemplateNode).value);
      if (!ALLOWED_FILTERS.has(name)) {
        throw new ForbiddenConstruct(`filter "${name}" is not available (use one of ${[...ALLOWED_FILTERS].join(', ')})`, node);
      }
      if (ATTRIBUTE_FILTERS.has(name)) checkAttributeArguments(node.args as TemplateNode);
      check(node.args);
      return;
    }
    case 'For':
      if (loops >= MAX_LOOP_DEPTH) throw new ForbiddenConstruct(`loops nest at most ${MAX_LOOP_DEPTH} deep`, node);
      check(node.arr);
      check(node.name);
      check(node.body, loops + 1);
      check(node.else_);
      return;
  }
  for (const field of node.fields) check(node[field]);
}

function checkChild(value: unknown, loops: number): void {
  if (Array.isArray(value)) value.forEach((v) => checkChild(v, loops));
  else if (value && typeof value === 'object' && 'typename' in value) checkNode(value as TemplateNode, loops);
}

/** `join(", ", "constructor")` would read a built-in member by name: the path's parts must be data fields. */
function checkAttributeArguments(args: TemplateNode): void {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object' || !('typename' in value)) return;
    const node = value as TemplateNode;
    if (node.typename === 'Literal' && typeof node.value === 'string' && node.value.split('.').some(isBuiltInMember)) {
      throw new ForbiddenConstruct(`"${node.value}" is not a template variable field`, node);
    }
    node.fields.forEach((field) => visit(node[field]));
  };
  visit(args);
}

function checkName(name: string, node: TemplateNode): void {
  if (isInternalName(name)) throw new ForbiddenConstruct(`"${name}" is not a template variable`, node);
}

function forbiddenMessage(node: TemplateNode): string {
  switch (node.typename) {
    case 'FunCall': return 'function calls are not allowed; use filters such as {{ customerName | upper }}';
    case 'Set': return '{% set %} is not allowed';
    case 'Include': case 'Import': case 'FromImport': case 'Extends': case 'Block': case 'Super':
      return 'templates cannot include, import or extend other templates';
    case 'Macro': case 'Caller': return 'macros are not allowed';
    default: return `${node.typename} is not allowed in templates`;
  }
}

/** Nunjucks says "Template render error: (unknown path) [Line 1, Column 5]\n  expected variable end"; we say " at line 1, column 5: expected variable end". */
function describeError(err: unknown): string {
  const e = err as { message?: unknown; lineno?: unknown; colno?: unknown };
  let text = (typeof e.message === 'string' ? e.message : String(err))
    .replace(/^Template render error: /, '').replace(/\(unknown path\)\s*/, '').replace(/\s+/g, ' ').trim();
  let where = typeof e.lineno === 'number' ? ` at line ${e.lineno}, column ${String(e.colno)}` : '';
  const located = /^\[Line (\d+), Column (\d+)\]\s*/.exec(text);
  if (located) {
    where = ` at line ${located[1]}, column ${located[2]}`;
    text = text.slice(located[0].length);
  }
  // Drop the parser's internal function names ("parseIf: expected elif…").
  return `${where}: ${text.replace(/^Error: /, '').replace(/^parse\w*: /, '') || 'the template cannot be rendered'}`;
}
