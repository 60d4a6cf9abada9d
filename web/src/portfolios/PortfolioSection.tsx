import { Badge, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AnchorLink } from '../ui/links';
import { portfolioQueries, type Holder } from './queries';

/** One person's portfolio as the rules and assignments make it today (GET /portfolio), each customer with why it is theirs. */
export function PortfolioSection({ holders }: { holders: Holder[] }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [collector, setCollector] = useState('');
  const portfolio = useQuery({ ...portfolioQueries.portfolio(collector), enabled: collector !== '' });
  const data = portfolio.data;
  const title = data ? t('portfolios.portfolio.of', { name: data.collector.name, count: data.customers.length }) : t('portfolios.portfolio.title');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portfolio-title">
      <Stack>
        <Title order={2} size="h3" id="portfolio-title"><FormattedMessage id="portfolios.portfolio.title" /></Title>
        <NativeSelect label={t('portfolios.portfolio.whose')} maw={420} value={collector} onChange={(e) => setCollector(e.currentTarget.value)}
          data={[{ value: '', label: t('portfolios.rules.chooseCollector'), disabled: true }, ...holders.map((h) => ({ value: h.id, label: `${h.name} <${h.email}>` }))]} />
        {portfolio.error && <ErrorAlert error={portfolio.error} />}
        {data && (data.customers.length === 0 ? <Text><FormattedMessage id="portfolios.portfolio.empty" values={{ name: data.collector.name }} /></Text> : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Caption>{title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {['customer', 'source', 'reason'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`portfolios.portfolio.col.${c}`} /></Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.customers.map((c) => (
                  <Table.Tr key={c.externalId}>
                    <Table.Th scope="row" fw={400}><AnchorLink to="/customers/$externalId" params={{ externalId: c.externalId }} search={{}}>{c.name}</AnchorLink></Table.Th>
                    <Table.Td><Badge variant="light">{t(`portfolios.source.${c.source}`)}</Badge></Table.Td>
                    <Table.Td>{c.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      </Stack>
    </Paper>
  );
}
