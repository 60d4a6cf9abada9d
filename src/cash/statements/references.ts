/** ISO 11649 creditor reference: "RF", two check digits, up to 21 alphanumerics; mod 97 = 1. */
export function isCreditorReference(value: string): boolean {
  const ref = value.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1;
}

/** Builds a valid RF reference for `body` (used by writers and tests). */
export function creditorReferenceFor(body: string): string {
  const check = 98 - mod97(body.toUpperCase() + 'RF00');
  return `RF${String(check).padStart(2, '0')}${body.toUpperCase()}`;
}

/** Splits a structured reference into RF (when valid) or other. */
export function classifyReference(ref: string | null): { creditorReference: string | null; structuredReference: string | null } {
  if (!ref) return { creditorReference: null, structuredReference: null };
  const compact = ref.replace(/\s+/g, '').toUpperCase();
  return isCreditorReference(compact)
    ? { creditorReference: compact, structuredReference: null }
    : { creditorReference: null, structuredReference: ref };
}

function mod97(alnum: string): number {
  let rest = 0;
  for (const ch of alnum) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}
