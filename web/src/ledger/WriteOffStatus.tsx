import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { TONES } from '../ui/tones';

const TONE = { pending_approval: TONES.watch, applied: TONES.good, rejected: TONES.bad, lapsed: TONES.warn } as const;

/** A write-off's status as a badge: waiting, written off, rejected or lapsed (nothing left open to write off). */
export function WriteOffStatus({ status }: { status: string }) {
  const tone = TONE[status as keyof typeof TONE] ?? TONES.watch;
  return <Badge {...tone}><FormattedMessage id={`ledger.writeOff.status.${status}`} /></Badge>;
}
