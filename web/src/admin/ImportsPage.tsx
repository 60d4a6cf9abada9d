import { Alert, Badge, Button, FileInput, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { importErrorText, importFailureText } from './import-errors';
import { formatDateTime } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { TONES } from '../ui/tones';
import { AdminNav } from './AdminNav';
import { importListQuery, importMediaType, importQuery, useSubmitImport, type ImportRejection, type ImportSummary } from './imports';

/**
 * Initial loads: an admin sends a CSV or JSON-lines file; a refused one shows its row errors, an accepted
 * one opens with its progress. Past and running imports are listed below and open the same way (`?import=`).
 */
export function ImportsPage() {
  const intl = useIntl();
  const submit = useSubmitImport();
  const queryClient = useQueryClient();
  const navigate = useNavigate({ from: '/admin/imports' });
  const { import: opened } = useSearch({ from: '/_signedIn/admin/imports' });
  const [file, setFile] = useState<File | null>(null);
  const [wrongType, setWrongType] = useState(false);
  const outcome = submit.data;
  const send = (event: FormEvent) => {
    event.preventDefault();
    const type = file && importMediaType(file);
    setWrongType(Boolean(file) && !type);
    if (file && type) {
      submit.mutate({ file, type }, {
        onSuccess: (answer) => {
          if (!('accepted' in answer)) return;
          void queryClient.invalidateQueries({ queryKey: importListQuery().queryKey });
          void navigate({ search: { import: answer.accepted.id } });
        },
      });
    }
  };

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="admin.imports.title" /></Title>
      <AdminNav />
      <Paper withBorder p="md" component="section" aria-labelledby="new-import">
        <form onSubmit={send}>
          <Stack>
            <Title order={2} size="h3" id="new-import"><FormattedMessage id="admin.imports.new" /></Title>
            <Text size="sm"><FormattedMessage id="admin.imports.help" /></Text>
            <Group align="flex-end">
              <FileInput
                label={intl.formatMessage({ id: 'admin.imports.file' })} required w={360} clearable clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'admin.imports.clear' }) }} accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
                value={file} onChange={(f) => { setFile(f); setWrongType(false); submit.reset(); }}
                error={wrongType ? intl.formatMessage({ id: 'admin.imports.wrongType' }) : undefined}
              />
              <Button type="submit" loading={submit.isPending} disabled={!file}><FormattedMessage id="admin.imports.send" /></Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {submit.error && <ErrorAlert error={submit.error} />}
      {outcome && 'rejected' in outcome && <Rejection rejection={outcome.rejected} />}
      {opened && !(outcome && 'rejected' in outcome) && <ImportProgress key={opened} id={opened} />}
      <ImportList opened={opened} />
    </Stack>
  );
}

/** Every import, newest first, with its progress: a page at a time, refreshed while one loads. */
function ImportList({ opened }: { opened: string | undefined }) {
  const intl = useIntl();
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery(importListQuery());
  if (error) return <ErrorAlert error={error} />;
  const imports = data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-list">
      <Stack>
        <Title order={2} size="h3" id="import-list"><FormattedMessage id="admin.imports.list" /></Title>
        {data && imports.length === 0 && <Text><FormattedMessage id="admin.imports.none" /></Text>}
        {imports.length > 0 && (
          <Table striped>
            <Table.Caption><FormattedMessage id="admin.imports.listCaption" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['file', 'sent', 'status', 'done', 'failed', 'rate', 'eta'].map((c) => (
                  <Table.Th key={c} scope="col"><FormattedMessage id={`admin.imports.list.${c}`} /></Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.map((i) => <ImportRowLine key={i.id} summary={i} opened={i.id === opened} />)}
            </Table.Tbody>
          </Table>
        )}
        {hasNextPage && (
          <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} w="fit-content">
            {intl.formatMessage({ id: 'admin.imports.more' })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function percentOf(rows: ImportSummary['rows']): number {
  return rows.total === 0 ? 100 : Math.floor(((rows.done + rows.failed) / rows.total) * 100);
}

/** Mantine's blue 9 under white text: above 4.5:1 (axe-core checks it). */
const LOADING_TONE = { color: '#1864ab', c: '#fff' } as const;

function ImportRowLine({ summary, opened }: { summary: ImportSummary; opened: boolean }) {
  const intl = useIntl();
  const { rows } = summary;
  const completed = summary.status === 'completed';
  return (
    <Table.Tr aria-current={opened ? 'true' : undefined}>
      <Table.Th scope="row">
        <AnchorLink to="/admin/imports" search={{ import: summary.id }}>{summary.fileName ?? summary.id}</AnchorLink>
      </Table.Th>
      <Table.Td>{formatDateTime(summary.createdAt, intl.locale)}</Table.Td>
      <Table.Td>
        <Badge {...(completed ? TONES.good : LOADING_TONE)}>
          <FormattedMessage id={completed ? 'admin.imports.completed' : 'admin.imports.loading'} values={{ percent: percentOf(rows) }} />
        </Badge>
      </Table.Td>
      <Table.Td><FormattedNumber value={rows.done} /> / <FormattedNumber value={rows.total} /></Table.Td>
      <Table.Td><FormattedNumber value={rows.failed} /></Table.Td>
      <Table.Td>{summary.ratePerSecond === null ? '—' : <FormattedMessage id="admin.imports.perSecond" values={{ rate: summary.ratePerSecond }} />}</Table.Td>
      <Table.Td>{summary.etaSeconds === null ? '—' : <FormattedMessage id="admin.imports.seconds" values={{ seconds: summary.etaSeconds }} />}</Table.Td>
    </Table.Tr>
  );
}

function Rejection({ rejection }: { rejection: ImportRejection }) {
  const intl = useIntl();
  const caption = intl.formatMessage({ id: 'admin.imports.errors' });
  return (
    <Stack>
      <Alert color="red" role="alert">
        <FormattedMessage id="admin.imports.rejected" values={{ rows: rejection.rows, errors: rejection.errorCount }} />
      </Alert>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>{['row', 'field', 'message'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`admin.imports.col.${c}`} /></Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rejection.errors.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.row === 0 ? intl.formatMessage({ id: 'admin.imports.wholeFile' }) : e.row}</Table.Td>
              <Table.Td><code>{e.field}</code></Table.Td>
              <Table.Td>{importErrorText(intl, e)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ImportProgress({ id }: { id: string }) {
  const intl = useIntl();
  const { data: progress, error } = useQuery(importQuery(id));
  if (error) return <ErrorAlert error={error} />;
  if (!progress) return null;
  const { total, done, failed, pending } = progress.rows;
  const percent = percentOf(progress.rows);
  const completed = progress.status === 'completed';
  const figures = [
    ['done', done], ['failed', failed], ['pending', pending],
  ] as const;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-progress">
      <Stack>
        <Title order={2} size="h3" id="import-progress">
          <FormattedMessage id="admin.imports.progress" values={{ name: progress.fileName ?? progress.id }} />
        </Title>
        <Text role="status" fw={700}>
          <FormattedMessage id={completed ? 'admin.imports.completed' : 'admin.imports.loading'} values={{ percent }} />
        </Text>
        <Progress value={percent} aria-label={intl.formatMessage({ id: 'admin.imports.progressLabel' })} />
        <Group gap="xl" component="dl">
          {figures.map(([key, value]) => (
            <div key={key}>
              <Text component="dt" size="sm"><FormattedMessage id={`admin.imports.rows.${key}`} /></Text>
              <Text component="dd" m={0} fw={700}><FormattedNumber value={value} /> / <FormattedNumber value={total} /></Text>
            </div>
          ))}
          <div>
            <Text component="dt" size="sm"><FormattedMessage id="admin.imports.rate" /></Text>
            <Text component="dd" m={0} fw={700}>
              {progress.ratePerSecond === null ? '—' : <FormattedMessage id="admin.imports.perSecond" values={{ rate: progress.ratePerSecond }} />}
            </Text>
          </div>
          <div>
            <Text component="dt" size="sm"><FormattedMessage id="admin.imports.eta" /></Text>
            <Text component="dd" m={0} fw={700}>
              {progress.etaSeconds === null ? '—' : <FormattedMessage id="admin.imports.seconds" values={{ seconds: progress.etaSeconds }} />}
            </Text>
          </div>
        </Group>
        {progress.failures.length > 0 && (
          <Table striped>
            <Table.Caption><FormattedMessage id="admin.imports.failures" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>{['row', 'message'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`admin.imports.col.${c}`} /></Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {progress.failures.map((f) => <Table.Tr key={f.row}><Table.Td>{f.row}</Table.Td><Table.Td>{importFailureText(intl, f)}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
