import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/erp-outbox/webhook-signature.js';

export const ERP_WEBHOOK_SECRET = 'erp-webhook-secret-0123456789';

export interface ErpWebhookDelivery {
  eventId: string;
  type: string;
  body: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
  /** The signature checked as an ERP would (shared secret, 5-minute tolerance). */
  signatureValid: boolean;
  /** What the stand-in answered. */
  status: number;
}

/**
 * The ERP's webhook endpoint, as an ERP integrator would write it: checks the
 * signature, answers with the next scripted status (200 once the script is used up).
 */
export interface ErpWebhookStandIn {
  url: string;
  env(): Record<string, string>;
  deliveries: ErpWebhookDelivery[];
  /** Acknowledged (2xx) deliveries only. */
  acknowledged(): ErpWebhookDelivery[];
  /** Next answers, e.g. [503, 500] to fail twice. */
  script(statuses: number[]): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startErpWebhookStandIn(): Promise<ErpWebhookStandIn> {
  const deliveries: ErpWebhookDelivery[] = [];
  let scripted: number[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const signatureValid = verifyWebhookSignature(
        ERP_WEBHOOK_SECRET, raw, String(req.headers['relance-signature'] ?? ''), Math.floor(Date.now() / 1000),
      );
      const status = !signatureValid ? 401 : scripted.shift() ?? 200;
      deliveries.push({
        eventId: String(req.headers['relance-event-id'] ?? ''),
        type: String(req.headers['relance-event-type'] ?? ''),
        body: JSON.parse(raw),
        signatureValid,
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: status < 300 }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relance-events`;
  return {
    url,
    env: () => ({ RELANCE_ERP_WEBHOOK_URL: url, RELANCE_ERP_WEBHOOK_SECRET: ERP_WEBHOOK_SECRET }),
    deliveries,
    acknowledged: () => deliveries.filter((d) => d.status < 300),
    script(statuses) {
      scripted = [...statuses];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
