/**
 * Badge colours with their text colour, each pair at least 4.5:1 (WCAG AA; axe-core checks it):
 * Mantine's filled shades under white text fall short for yellow, orange and green.
 */
export const TONES = {
  good: { color: '#1b6e2e', c: '#fff' },
  fair: { color: '#087f5b', c: '#fff' },
  watch: { color: '#fcc419', c: '#000' },
  warn: { color: '#fd7e14', c: '#000' },
  bad: { color: '#c92a2a', c: '#fff' },
} as const;

export type Tone = keyof typeof TONES;

/** Risk classes A → E from good to bad. */
export function riskTone(riskClass: string): { color: string; c: string } {
  return TONES[({ A: 'good', B: 'fair', C: 'watch', D: 'warn', E: 'bad' } as Record<string, Tone>)[riskClass] ?? 'watch'];
}
