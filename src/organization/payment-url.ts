/**
 * The entity's payment page: a URL template whose placeholders the customer portal fills for one
 * invoice (each value URL-encoded), e.g. `https://pay.example.com/?ref={invoiceNumber}&amount={amount}`.
 */
export const PAYMENT_URL_PLACEHOLDERS = ['invoiceNumber', 'invoiceExternalId', 'amount', 'currency', 'customerExternalId'] as const;
export type PaymentUrlValues = Record<(typeof PAYMENT_URL_PLACEHOLDERS)[number], string>;

/** What is wrong with a template (empty: usable): an https/http URL naming known placeholders only. */
export function paymentUrlTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!).filter((n) => !(PAYMENT_URL_PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length > 0) problems.push(`unknown placeholder(s) ${unknown.map((n) => `{${n}}`).join(', ')}; use ${PAYMENT_URL_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}`);
  let url: URL | null = null;
  try {
    url = new URL(fillPaymentUrl(template, { invoiceNumber: 'F1', invoiceExternalId: 'X1', amount: '1.00', currency: 'EUR', customerExternalId: 'C1' }));
  } catch {
    problems.push('must be an absolute URL');
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('must be an https (or http) URL');
  return problems;
}

export function fillPaymentUrl(template: string, values: PaymentUrlValues): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) =>
    (name in values ? encodeURIComponent(values[name as keyof PaymentUrlValues]) : whole));
}
