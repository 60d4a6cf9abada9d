import { describe, expect, test } from '@jest/globals';
import { isInstant } from '../../src/common/iso-date.js';

describe('isInstant', () => {
  test('takes RFC 3339 date-times with Z or an offset real zones use', () => {
    for (const v of ['2026-03-01T09:30:00+01:00', '2026-03-01T09:30Z', '2026-03-01T09:30:00.123456789-12:00', '2026-12-31T23:59:59+14:00', '0858-01-08T18:50:26.07-05:45']) {
      expect(isInstant(v)).toBe(true);
    }
  });

  test('refuses instants without an offset, impossible dates or times, and offsets beyond ±14:00 (PostgreSQL fails past ±15:59)', () => {
    for (const v of ['2026-03-01T09:30:00', '2026-02-30T09:30:00Z', '2026-03-01T24:00:00Z', '2026-03-01T09:60:00Z',
      '2026-03-01T09:30:00+14:01', '0858-01-08T18:50:26.07-17:35', '2026-03-01T09:30:00+01:60', '2026-03-01', 20260301]) {
      expect(isInstant(v)).toBe(false);
    }
  });
});
