import { Alert, Button, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { usePublish } from './queries';
import { IN_FLIGHT_POLICIES, type InFlightPolicy, type Scenario } from './types';

/** Freezes the saved draft as the next version, saying what becomes of invoices already on the scenario. */
export function PublishPanel({ scenario, dirty }: { scenario: Scenario; dirty: boolean }) {
  const intl = useIntl();
  const publish = usePublish(scenario.id);
  const [policy, setPolicy] = useState<InFlightPolicy>('migrate_at_next_step');
  const next = (scenario.latestVersion ?? 0) + 1;
  const blocked = dirty || !scenario.hasUnpublishedChanges;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate(policy);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="publish-title">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} id="publish-title"><FormattedMessage id="scenarios.publish.title" /></Title>
          {publish.data && (
            <Alert color="green" role="status">
              <FormattedMessage id="scenarios.publish.done" values={{ version: publish.data.version, policy: intl.formatMessage({ id: `scenarios.policy.${publish.data.inFlightPolicy}` }) }} />
            </Alert>
          )}
          {publish.error && <ErrorAlert error={publish.error} />}
          <Radio.Group label={intl.formatMessage({ id: 'scenarios.publish.policy' })} value={policy} onChange={(v) => setPolicy(v as InFlightPolicy)} required>
            <Stack gap="xs" mt="xs">
              {IN_FLIGHT_POLICIES.map((p) => (
                <Radio key={p} value={p} label={intl.formatMessage({ id: `scenarios.policy.${p}` })} description={intl.formatMessage({ id: `scenarios.policy.${p}.help` })} />
              ))}
            </Stack>
          </Radio.Group>
          {dirty && <Text size="sm" c="dimmed"><FormattedMessage id="scenarios.publish.saveFirst" /></Text>}
          {!dirty && !scenario.hasUnpublishedChanges && <Text size="sm" c="dimmed"><FormattedMessage id="scenarios.publish.unchanged" /></Text>}
          <div>
            <Button type="submit" disabled={blocked} loading={publish.isPending}>
              <FormattedMessage id="scenarios.publish.submit" values={{ version: next }} />
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
