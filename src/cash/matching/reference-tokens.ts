import { fold } from './normalise.js';

/** Words banks and customers put before an invoice number. */
const PREFIXES = /^(INVOICES?|INV|FACTURES?|FACT|FAC|FA|F|RECHNUNG|RE|RG|NR|NO|NUM|REF)(?=\d)/;

/**
 * The comparable forms of an invoice number or ERP id: letters and digits
 * only, a leading prefix such as F/FAC/INV dropped, leading zeros dropped —
 * once for the whole and once for every group of digits (a bank that lost
 * the zeros of "2026-00123" writes "2026-123").
 * "F2026-00123", "FAC 2026 00123" and "2026/00123" all give "202600123" and "2026123".
 */
export function referenceKeys(value: string): string[] {
  return keysOf(fold(value).split(' ').filter(Boolean));
}

function keysOf(runs: string[]): string[] {
  const whole = runs.join('').replace(PREFIXES, '').replace(/^0+(?=.)/, '');
  const grouped = runs.join(' ').replace(/^([A-Z]+) ?(?=\d)/, (p) => (PREFIXES.test(p.replace(/ $/, '') + '0') ? '' : p))
    .replace(/\d+/g, (d) => d.replace(/^0+(?=.)/, '')).replace(/ /g, '').replace(PREFIXES, '');
  return whole === grouped ? [whole] : [whole, grouped];
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
    const runs = fold(text).split(' ').filter(Boolean);
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j <= Math.min(runs.length, i + 3); j++) {
        for (const key of keysOf(runs.slice(i, j))) if (/\d/.test(key) && key.length >= 3) out.add(key);
      }
    }
  }
  return out;
}
