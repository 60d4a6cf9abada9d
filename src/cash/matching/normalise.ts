const NOT_PRINTABLE_ASCII = /[^ -~]/;

/** Upper case, accents removed, anything but letters and digits turned into single spaces. */
export function fold(value: string): string {
  // Most references and names are plain ASCII: no accents to strip (the NFD pass is the costly part).
  if (!NOT_PRINTABLE_ASCII.test(value)) return value.toUpperCase().replace(/&/g, ' ET ').replace(/[^A-Z0-9]+/g, ' ').trim();
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/&/g, ' ET ').replace(/[^A-Z0-9]+/g, ' ').trim();
}

/**
 * fold(value).split(' ').filter(Boolean), by one scan of the characters for
 * printable ASCII (invoice numbers and ERP ids, 200,000 of them per index),
 * through fold otherwise. test/unit/cash/matching.test.ts checks both agree.
 */
export function foldedRuns(value: string): string[] {
  if (NOT_PRINTABLE_ASCII.test(value)) return fold(value).split(' ').filter(Boolean);
  const runs: string[] = [];
  let start = -1;
  const end = (i: number) => {
    if (start >= 0) runs.push(value.slice(start, i).toUpperCase());
    start = -1;
  };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (start < 0) start = i;
    } else {
      end(i);
      if (c === 38) runs.push('ET');
    }
  }
  end(value.length);
  return runs;
}

/** Legal forms and filler words that say nothing about who the company is. */
const NOISE = new Set(['SA', 'SAS', 'SASU', 'SARL', 'EURL', 'SNC', 'SCI', 'GMBH', 'AG', 'KG', 'LTD', 'LIMITED', 'PLC', 'INC', 'LLC', 'BV', 'NV',
  'SPA', 'SRL', 'SL', 'CO', 'CIE', 'COMPAGNIE', 'ET', 'AND', 'UND', 'THE', 'LA', 'LE', 'LES', 'DE', 'DES', 'DU', 'STE', 'SOCIETE', 'ETS', 'ETABLISSEMENTS']);

export function normaliseName(name: string): string {
  return fold(name).split(' ').filter((w) => w && !NOISE.has(w)).join(' ');
}

/** Sørensen–Dice over character bigrams of the normalised names: 1 = same, 0 = nothing shared. */
export function nameSimilarity(a: string, b: string): number {
  return diceOf(nameProfile(a), nameProfile(b));
}

export interface NameProfile {
  normalised: string;
  /** Character bigrams of ` name `, each as one integer (two UTF-16 units), sorted: compared by a merge, no hashing. */
  codes: Uint32Array;
  size: number;
}

/** Computed once per customer name, compared many times. */
export function nameProfile(name: string): NameProfile {
  const normalised = normaliseName(name);
  const padded = ` ${normalised} `;
  const codes = new Uint32Array(normalised ? padded.length - 1 : 0);
  for (let i = 0; i < codes.length; i++) codes[i] = (padded.charCodeAt(i) << 16) | padded.charCodeAt(i + 1);
  codes.sort();
  return { normalised, codes, size: codes.length };
}

/** Sørensen–Dice: twice the bigrams in common (as multisets) over the bigrams of both. */
export function diceOf(x: NameProfile, y: NameProfile): number {
  if (!x.normalised || !y.normalised) return 0;
  if (x.normalised === y.normalised) return 1;
  const a = x.codes;
  const b = y.codes;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * shared) / (x.size + y.size);
}
