import { Alert, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { scenarioQueries } from './queries';
import { LANGUAGES, type Channel, type Language, type Scenario } from './types';

/** A step's message rendered on a real open invoice, French and English side by side, as the saved draft would send it. */
export function PreviewPanel({ scenario, dirty }: { scenario: Scenario; dirty: boolean }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const invoices = useQuery(scenarioQueries.invoices(scenario.entity));
  const messageSteps = scenario.definition.steps.filter((s) => (s.channels ?? []).length > 0);
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const [chosenStep, setStepKey] = useState<string | null>(null);
  // A step renamed or removed by a save falls back to the first message step.
  const step = messageSteps.find((s) => s.key === chosenStep) ?? messageSteps[0];
  const stepKey = step?.key ?? null;
  const [channel, setChannel] = useState<string | null>(null);
  const stepChannel = step && channel && step.channels?.includes(channel) ? channel : (step?.channels?.[0] ?? null);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="preview-title">
      <Stack>
        <Title order={2} id="preview-title"><FormattedMessage id="scenarios.preview.title" /></Title>
        <Text size="sm" c="dimmed"><FormattedMessage id="scenarios.preview.intro" /></Text>
        {dirty && <Alert color="yellow" role="status"><FormattedMessage id="scenarios.preview.unsaved" /></Alert>}
        {invoices.error && <ErrorAlert error={invoices.error} />}
        <Group align="flex-end">
          <Select
            label={t('scenarios.preview.invoice')} w={420} searchable value={invoiceId} onChange={setInvoiceId}
            placeholder={invoices.isPending ? t('app.loading') : t('scenarios.preview.pick')}
            nothingFoundMessage={t('scenarios.preview.noInvoice')}
            data={(invoices.data ?? []).map((i) => ({
              value: i.id,
              label: t('scenarios.preview.invoiceOption', {
                number: i.number, customer: i.customer.name, amount: formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale), due: formatDate(i.dueDate, intl.locale),
              }),
            }))}
          />
          <Select
            label={t('scenarios.preview.step')} w={220} allowDeselect={false} value={stepKey} onChange={setStepKey}
            data={messageSteps.map((s) => s.key)}
          />
          <Select
            label={t('scenarios.preview.channel')} w={180} allowDeselect={false} value={stepChannel} onChange={setChannel}
            data={(step?.channels ?? []).map((c) => ({ value: c, label: t(`scenarios.channel.${c}`) }))}
          />
        </Group>
        {messageSteps.length === 0 && <Text><FormattedMessage id="scenarios.preview.noMessageStep" /></Text>}
        {invoiceId && stepKey && stepChannel && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {LANGUAGES.map((language) => (
              <PreviewCard
                key={language} scenario={scenario} language={language}
                body={{ invoiceId, stepKey, channel: stepChannel as Channel, language }}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

function PreviewCard({ scenario, language, body }: {
  scenario: Scenario; language: Language; body: { invoiceId: string; stepKey: string; channel: Channel; language: Language };
}) {
  const intl = useIntl();
  const preview = useQuery(scenarioQueries.preview(scenario.id, scenario.draftRevision, body));
  const titleId = `preview-${language}`;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId} bg="gray.0">
      <Title order={3} size="h5" id={titleId}>
        <FormattedMessage id="scenarios.preview.in" values={{ language: intl.formatMessage({ id: `scenarios.language.${language}` }) }} />
      </Title>
      {preview.isPending && <Loader size="sm" aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {preview.error && <ErrorAlert error={preview.error} />}
      {preview.data && (
        <Stack gap={4} mt="xs">
          {preview.data.subject !== null && (
            <Text fw={600}><FormattedMessage id="scenarios.preview.subject" values={{ subject: preview.data.subject }} /></Text>
          )}
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid={`preview-body-${language}`}>{preview.data.body}</Text>
          <Text size="xs" c="dimmed">
            <FormattedMessage id="scenarios.preview.asOf" values={{ date: formatDate(preview.data.asOf, intl.locale) }} />
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
