import { Group } from '@mantine/core';
import { useIntl } from 'react-intl';
import { AnchorLink } from '../ui/links';

/** The credit manager's settings pages (entity settings, dispute routing, collector portfolios), one link each. */
export function SettingsNav() {
  const intl = useIntl();
  return (
    <Group component="nav" aria-label={intl.formatMessage({ id: 'app.settings.label' })} gap="lg">
      <AnchorLink to="/settings/entity" activeProps={{ 'aria-current': 'page', fw: 700 }}>{intl.formatMessage({ id: 'app.settings.entity' })}</AnchorLink>
      <AnchorLink to="/settings/dispute-rules" activeProps={{ 'aria-current': 'page', fw: 700 }}>{intl.formatMessage({ id: 'app.settings.disputeRules' })}</AnchorLink>
      <AnchorLink to="/settings/collector-rules" activeProps={{ 'aria-current': 'page', fw: 700 }}>{intl.formatMessage({ id: 'app.settings.collectorRules' })}</AnchorLink>
    </Group>
  );
}
