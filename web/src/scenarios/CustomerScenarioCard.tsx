import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError, unwrap } from '../api/client';
import { allows, ROLES } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AnchorLink } from '../ui/links';
import { assignmentKeys } from './assignments';

const customerScenario = (externalId: string, entity: string) => queryOptions({
  queryKey: [...assignmentKeys.all, 'customer', externalId, entity] as const, retry: false,
  queryFn: () => unwrap(api.GET('/api/v1/customers/{externalId}/scenario', { params: { path: { externalId }, query: { entity } } })),
});

/** Which scenario and version drive the customer's invoices, and which assignment rule chose them. */
export function CustomerScenarioCard({ externalId, entity }: { externalId: string; entity: string }) {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const answer = useQuery(customerScenario(externalId, entity));
  // Roles outside receivables (sales, finance) do not read assignments: no section for them.
  if (answer.error instanceof ApiError && answer.error.status === 403) return null;
  const s = answer.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="customer-scenario-title">
      <Title order={2} size="h3" id="customer-scenario-title" mb="sm"><FormattedMessage id="scenarios.customer.title" /></Title>
      {answer.error && <ErrorAlert error={answer.error} />}
      {s && (
        <>
          <Group gap="sm">
            {s.scenario
              ? <Text fw={700}>{intl.formatMessage({ id: 'scenarios.customer.version' }, { name: s.scenario.name, version: s.scenario.version })}</Text>
              : <Text fw={700}><FormattedMessage id="scenarios.customer.builtIn" /></Text>}
            {s.experiment && <Badge variant="light"><FormattedMessage id="scenarios.customer.arm" values={{ arm: s.experiment.arm }} /></Badge>}
          </Group>
          <Text size="sm" c="dimmed">{s.reason}</Text>
          {allows(session.roles, ROLES.scenarios) && (
            <AnchorLink to="/scenarios/assignments" size="sm"><FormattedMessage id="scenarios.customer.change" /></AnchorLink>
          )}
        </>
      )}
    </Paper>
  );
}
