import { foldedRuns } from './normalise.js';

/** Words banks and customers put before an invoice number (dropped when a digit follows at once). */
const PREFIX_WORDS = new Set(['INVOICE', 'INVOICES', 'INV', 'FACTURE', 'FACTURES', 'FACT', 'FAC', 'FA', 'F', 'RECHNUNG', 'RE', 'RG', 'NR', 'NO', 'NUM', 'REF']);

/**
 * The comparable forms of an invoice number or ERP id: letters and digits
 * only, a leading prefix such as F/FAC/INV dropped, leading zeros dropped —
 * once for the whole and once for every group of digits (a bank that lost
 * the zeros of "2026-00123" writes "2026-123").
 * "F2026-00123", "FAC 2026 00123" and "2026/00123" all give "202600123" and "2026123".
 */
export function referenceKeys(value: string): string[] {
  return keysOf(foldedRuns(value));
}

/**
 * Scanned by hand rather than with regular expressions: the index computes
 * this for every open invoice's number and ERP id (200,000 calls for 100,000
 * invoices). test/unit/cash/matching.test.ts checks it against the regex form.
 */
export function keysOf(runs: string[]): string[] {
  const whole = withoutLeadingZeros(withoutPrefix(runs.join('')));
  let grouped = runs.join(' ');
  const letters = letterRun(grouped);
  if (letters > 0 && PREFIX_WORDS.has(grouped.slice(0, letters))) {
    const gap = grouped.charCodeAt(letters) === SPACE ? 1 : 0;
    if (isDigit(grouped.charCodeAt(letters + gap))) grouped = grouped.slice(letters + gap);
  }
  grouped = withoutPrefix(digitGroupsWithoutZeros(grouped));
  return whole === grouped ? [whole] : [whole, grouped];
}

const SPACE = 32;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => c >= 65 && c <= 90;

function letterRun(s: string): number {
  let i = 0;
  while (i < s.length && isLetter(s.charCodeAt(i))) i++;
  return i;
}

/** "FAC123" → "123"; "FACX123", "FAC" stay. */
function withoutPrefix(s: string): string {
  const i = letterRun(s);
  return i > 0 && isDigit(s.charCodeAt(i)) && PREFIX_WORDS.has(s.slice(0, i)) ? s.slice(i) : s;
}

/** "000" → "0", "0012" → "12". */
function withoutLeadingZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return i ? s.slice(i) : s;
}

/** Each group of digits without its leading zeros, spaces removed: "2026 00123" → "2026123". */
function digitGroupsWithoutZeros(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    if (c === SPACE) {
      i++;
    } else if (isDigit(c)) {
      let j = i;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      out += withoutLeadingZeros(s.slice(i, j));
      i = j;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

/**
 * Candidate reference keys found in remittance texts: each alphanumeric run
 * and each run glued to its next neighbours (one number split with spaces,
 * dashes or slashes), prefix words dropped. Several numbers separated by "/",
 * "+", "," or "and" give several candidates.
 */
export function referenceCandidates(texts: readonly (string | null)[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const runs = foldedRuns(text);
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j <= Math.min(runs.length, i + 3); j++) {
        for (const key of keysOf(runs.slice(i, j))) if (/\d/.test(key) && key.length >= 3) out.add(key);
      }
    }
  }
  return out;
}
