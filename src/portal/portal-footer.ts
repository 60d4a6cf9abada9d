/** The paragraph every customer email ends with: the contact's way into the customer portal, in their language. */
export function portalFooter(language: string, url: string, expiresOn: string): string {
  if (language === 'en') {
    return `—\nYour customer space: see your invoices and statement, dispute an invoice or tell us when you will pay.\n${url}\n(This personal link is valid until ${expiresOn}; do not forward it.)`;
  }
  return `—\nVotre espace client : consultez vos factures et votre relevé, contestez une facture ou indiquez-nous quand vous réglerez.\n${url}\n(Ce lien personnel est valable jusqu'au ${expiresOn} ; ne le transférez pas.)`;
}
