import { Button, Checkbox, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { CONTACT_ROLES, LANGUAGES } from '../scenarios/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { customerKeys } from './queries';

type ContactView = Schemas['AccountContactResponse'];
type ContactInput = Schemas['ContactInputDto'];

/** A stored contact as the PUT takes it back: the list is replaced whole, so the others travel unchanged. */
export function contactInput(c: ContactView): ContactInput {
  return {
    roles: c.roles as ContactInput['roles'],
    ...(c.name ? { name: c.name } : {}), ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}),
    ...(c.postalAddress ? { postalAddress: c.postalAddress } : {}),
    language: c.language as ContactInput['language'], optOuts: c.optOuts as ContactInput['optOuts'], primary: c.primary,
  };
}

/** Replaces the customer's contacts (PUT …/contacts); the account is read again after. */
export function useReplaceContacts(externalId: string, entity: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contacts: ContactInput[]) => unwrap(api.PUT('/api/v1/customers/{externalId}/contacts', {
      params: { path: { externalId }, query: { entity } }, body: { contacts },
    })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

/** A collector adds the person they found (the CFO for a formal notice, a new accounts-payable clerk). */
export function AddContactForm({ externalId, entity, contacts, onAdded }: {
  externalId: string; entity: string; contacts: readonly ContactView[]; onAdded: () => void;
}) {
  const intl = useIntl();
  const replace = useReplaceContacts(externalId, entity);
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>(['billing']);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [language, setLanguage] = useState<string>('fr');
  // The new contact is the last of the list: its field errors are `contacts[n].…`.
  const prefix = `contacts[${contacts.length}]`;
  const errors = replace.error instanceof ApiError ? replace.error.fieldErrors : {};
  const own = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length + 1) || 'contact', v]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const added: ContactInput = {
      roles: roles as ContactInput['roles'], language: language as ContactInput['language'],
      ...(name.trim() ? { name: name.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}),
    };
    replace.mutate([...contacts.map(contactInput), added], {
      onSuccess: () => { setName(''); setEmail(''); setPhone(''); setRoles(['billing']); onAdded(); },
    });
  };
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <form onSubmit={submit} aria-labelledby="add-contact-title">
      <Stack maw={560} gap="sm">
        <Title order={3} size="h4" id="add-contact-title"><FormattedMessage id="customers.contacts.add" /></Title>
        {replace.error && Object.keys(own).length === 0 && <ErrorAlert error={replace.error} />}
        {own.contact && <ErrorAlert error={new Error(own.contact)} />}
        <TextInput label={t('customers.contacts.name')} value={name} error={own.name} onChange={(e) => setName(e.currentTarget.value)} />
        <Checkbox.Group label={t('customers.contacts.roles')} value={roles} onChange={setRoles} error={own.roles} required>
          <Group gap="sm" mt={4}>{CONTACT_ROLES.map((r) => <Checkbox key={r} value={r} label={t(`scenarios.role.${r}`)} />)}</Group>
        </Checkbox.Group>
        <TextInput type="email" label={t('customers.contacts.email')} value={email} error={own.email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <TextInput type="tel" label={t('customers.contacts.phone')} placeholder="+33612345678" value={phone} error={own.phone} onChange={(e) => setPhone(e.currentTarget.value)} />
        <NativeSelect label={t('customers.contacts.language')} value={language} error={own.language}
          data={LANGUAGES.map((l) => ({ value: l, label: l }))} onChange={(e) => setLanguage(e.currentTarget.value)} />
        <Group><Button type="submit" loading={replace.isPending}><FormattedMessage id="customers.contacts.addSubmit" /></Button></Group>
      </Stack>
    </form>
  );
}
