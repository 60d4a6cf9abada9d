import { Button, Group, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

/**
 * Under a cursor-paged list: the total the API counted, and "next page" while the API gives a
 * cursor ("first page" once one has been followed; the API's cursors only go forward).
 */
export function ListPaging({ total, nextCursor, paged, onNext, onFirst, countMessage = 'app.list.total' }: {
  total: number | null; nextCursor: string | null; paged: boolean; onNext(cursor: string): void; onFirst(): void;
  /** A plural message with `count` naming what is counted ("12 customers"). */
  countMessage?: string;
}) {
  return (
    <Group justify="space-between">
      {total !== null ? <Text c="dimmed" role="status"><FormattedMessage id={countMessage} values={{ count: total }} /></Text> : <span />}
      <Group>
        {paged && <Button variant="subtle" onClick={onFirst}><FormattedMessage id="app.list.first" /></Button>}
        {nextCursor && <Button variant="default" onClick={() => onNext(nextCursor)}><FormattedMessage id="app.list.next" /></Button>}
      </Group>
    </Group>
  );
}
