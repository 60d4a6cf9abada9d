/** Open balance as a percentage of the limit, one decimal, half up (null without a positive limit). */
export function limitUsePercent(openMinor: bigint, limitMinor: bigint | null): number | null {
  if (limitMinor === null || limitMinor <= 0n) return null;
  const tenths = (openMinor * 2000n + limitMinor) / (2n * limitMinor);
  return Number(tenths) / 10;
}
