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
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const grams = (s: string) => {
    const out = new Map<string, number>();
    const padded = ` ${s} `;
    for (let i = 0; i < padded.length - 1; i++) out.set(padded.slice(i, i + 2), (out.get(padded.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const gx = grams(x);
  const gy = grams(y);
  let shared = 0;
  let total = 0;
  for (const [g, n] of gx) {
    shared += Math.min(n, gy.get(g) ?? 0);
    total += n;
  }
  for (const n of gy.values()) total += n;
  return (2 * shared) / total;
}
