/** Upper case, accents removed, anything but letters and digits turned into single spaces. */
export function fold(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/&/g, ' ET ').replace(/[^A-Z0-9]+/g, ' ').trim();
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
  bigrams: Map<string, number>;
  size: number;
}

/** Computed once per customer name, compared many times. */
export function nameProfile(name: string): NameProfile {
  const normalised = normaliseName(name);
  const bigrams = new Map<string, number>();
  const padded = ` ${normalised} `;
  for (let i = 0; i < padded.length - 1; i++) bigrams.set(padded.slice(i, i + 2), (bigrams.get(padded.slice(i, i + 2)) ?? 0) + 1);
  return { normalised, bigrams, size: normalised ? padded.length - 1 : 0 };
}

export function diceOf(x: NameProfile, y: NameProfile): number {
  if (!x.normalised || !y.normalised) return 0;
  if (x.normalised === y.normalised) return 1;
  let shared = 0;
  for (const [g, n] of x.bigrams) shared += Math.min(n, y.bigrams.get(g) ?? 0);
  return (2 * shared) / (x.size + y.size);
}
