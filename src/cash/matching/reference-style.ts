import { fold, foldedRuns } from './normalise.js';
import { keysOf, referenceCandidates, referenceKeys } from './reference-tokens.js';

/**
 * How one customer writes our invoice numbers when the whole number is not in
 * the text, learned from the lines a reviewer confirmed: only the last
 * `length` characters ("FAC 00123" for F2026-00123: `tail:5`), or only the
 * first ones (a field truncated to 8 characters: `head:8`). Characters are
 * counted on the number's letters and digits ("F2026-00123" → "F202600123").
 *
 * A style is only used once the payer is known (learned IBAN or name), and
 * only on that customer's own open invoices: "00123" alone names nobody in
 * the ledger, but names one invoice of the customer who writes it that way.
 */
export interface ReferenceStyle {
  kind: 'tail' | 'head';
  length: number;
}

/** Shorter parts say too little to name an invoice, even among one customer's. */
const MIN_PART = 3;

export const styleKey = (s: ReferenceStyle): string => `${s.kind}:${s.length}`;

export function parseStyleKey(key: string): ReferenceStyle | null {
  const m = /^(tail|head):(\d{1,2})$/.exec(key);
  return m ? { kind: m[1] as ReferenceStyle['kind'], length: Number(m[2]) } : null;
}

export function describeStyle(s: ReferenceStyle): string {
  return s.kind === 'tail' ? `the last ${s.length} characters of the number` : `the first ${s.length} characters of the number`;
}

const compact = (value: string): string => fold(value).replace(/ /g, '');

/** The reference key this style makes of an invoice number (null when the style keeps the whole number or too little). */
export function styledKey(number: string, style: ReferenceStyle): string | null {
  const c = compact(number);
  if (style.length >= c.length || style.length < MIN_PART) return null;
  const part = style.kind === 'tail' ? c.slice(-style.length) : c.slice(0, style.length);
  const key = keysOf([part])[0]!;
  return key.length >= MIN_PART && /\d/.test(key) ? key : null;
}

/**
 * The styles a confirmed line shows: for each confirmed invoice whose number
 * the texts do not carry whole, the longest tail (else head) of its number
 * that the texts carry, leading zeros aside ("FAC 123" for F2026-00123 is
 * `tail:5`: the customer writes the last group without its zeros, so
 * F2026-04567 will read "4567", not "567"). Tails within the number's last
 * group come first: for F12340-01234 written "FAC 01234", `tail:6` ("001234")
 * also fits once zeros are dropped, but it takes the series' trailing zero,
 * and F12341-05678 would then read "105678".
 */
export function learnStyles(texts: readonly (string | null)[], invoiceNumbers: readonly string[]): ReferenceStyle[] {
  const candidates = referenceCandidates(texts);
  const found = new Map<string, ReferenceStyle>();
  for (const number of invoiceNumbers) {
    if (referenceKeys(number).some((k) => candidates.has(k))) continue;
    const c = compact(number);
    const lastGroup = foldedRuns(number).at(-1)?.length ?? c.length;
    const tails: ReferenceStyle[] = [];
    for (let n = c.length - 1; n >= MIN_PART; n--) tails.push({ kind: 'tail', length: n });
    const tries = [...tails.filter((s) => s.length <= lastGroup), ...tails.filter((s) => s.length > lastGroup)];
    for (let n = c.length - 1; n >= MIN_PART + 1; n--) tries.push({ kind: 'head', length: n });
    const style = tries.find((s) => {
      const key = styledKey(number, s);
      return key !== null && candidates.has(key);
    });
    if (style) found.set(styleKey(style), style);
  }
  return [...found.values()];
}
