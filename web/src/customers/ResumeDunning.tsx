import { Alert, Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, unwrap } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { customerKeys } from './queries';

/** Ends a customer-wide pause (the worklist's "pause dunning"): every open invoice resumes its scenario. */
export function ResumeDunning({ externalId, entity, name }: { externalId: string; entity: string; name: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const resume = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/customers/{externalId}/resume', { params: { path: { externalId }, query: { entity } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
  return (
    <div>
      <Group gap="sm">
        <Button variant="default" size="xs" loading={resume.isPending} onClick={() => resume.mutate()}
          aria-label={intl.formatMessage({ id: 'customers.resume.label' }, { customer: name })}>
          <FormattedMessage id="customers.resume.submit" />
        </Button>
        <Text size="xs" c="dimmed"><FormattedMessage id="customers.resume.explain" /></Text>
      </Group>
      {resume.error && <ErrorAlert error={resume.error} />}
      {resume.data && (
        <Alert color={resume.data.resumed ? 'green' : 'gray'} role="status" mt="xs">
          <FormattedMessage id={resume.data.resumed ? 'customers.resume.done' : 'customers.resume.none'} values={{ invoices: resume.data.invoices }} />
        </Alert>
      )}
    </div>
  );
}
