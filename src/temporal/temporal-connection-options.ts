import { readFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ConfigValidationError } from '../config/config-validation-error.js';
import { TEMPORAL_DEFAULT_ADDRESS } from './temporal-address.js';

/**
 * The variables that say how to reach Temporal. Names follow Temporal's client environment
 * configuration (docs.temporal.io/references/client-environment-configuration), so the values a
 * Temporal Cloud namespace page or the `temporal` CLI uses work unchanged.
 */
export interface TemporalConnectionVariables {
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_API_KEY?: string;
  TEMPORAL_TLS?: 'true' | 'false';
  TEMPORAL_TLS_SERVER_NAME?: string;
  TEMPORAL_TLS_SERVER_CA_CERT_PATH?: string;
  TEMPORAL_TLS_SERVER_CA_CERT_DATA?: string;
  TEMPORAL_TLS_CLIENT_CERT_PATH?: string;
  TEMPORAL_TLS_CLIENT_CERT_DATA?: string;
  TEMPORAL_TLS_CLIENT_KEY_PATH?: string;
  TEMPORAL_TLS_CLIENT_KEY_DATA?: string;
}

/** What both `Connection` (API, client) and `NativeConnection` (worker) accept. */
export interface TemporalConnectionOptions {
  address: string;
  /** `false`: plain gRPC even with an API key (the SDKs turn TLS on for an API key otherwise). */
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Uint8Array;
    clientCertPair?: { crt: Uint8Array; key: Uint8Array };
  } | false;
  apiKey?: string;
}

type ReadFile = (path: string) => Buffer;
type Pem = 'SERVER_CA_CERT' | 'CLIENT_CERT' | 'CLIENT_KEY';
const TLS_VARIABLES = [
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_DATA',
  'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_CERT_DATA',
  'TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_CLIENT_KEY_DATA',
] as const;

function refuse(variable: string, message: string): never {
  throw new ConfigValidationError([{ variable, messages: [message] }]);
}

/**
 * One PEM item from its `_PATH` (a file) or `_DATA` (the PEM text; `\n` escapes allowed so it fits
 * on one .env line); never both.
 */
function pem(vars: TemporalConnectionVariables, item: Pem, readFile: ReadFile): Buffer | undefined {
  const pathVar = `TEMPORAL_TLS_${item}_PATH` as const;
  const dataVar = `TEMPORAL_TLS_${item}_DATA` as const;
  const path = vars[pathVar];
  const data = vars[dataVar];
  if (path && data) refuse(dataVar, `set ${pathVar} or ${dataVar}, not both`);
  let text: Buffer | undefined;
  let source: string = dataVar;
  if (path) {
    source = pathVar;
    try {
      text = readFile(path);
    } catch (err) {
      refuse(pathVar, `cannot read ${path}: ${(err as Error).message}`);
    }
  } else if (data) {
    text = Buffer.from(data.replace(/\\n/g, '\n'));
  }
  if (text === undefined) return undefined;
  const expected = item === 'CLIENT_KEY' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/ : /-----BEGIN CERTIFICATE-----/;
  if (!expected.test(text.toString('utf8'))) {
    refuse(source, item === 'CLIENT_KEY' ? 'is not a PEM private key (-----BEGIN PRIVATE KEY-----)' : 'is not a PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  return text;
}

const given = (vars: TemporalConnectionVariables, item: Pem): string | undefined =>
  vars[`TEMPORAL_TLS_${item}_PATH`] ? `TEMPORAL_TLS_${item}_PATH` : vars[`TEMPORAL_TLS_${item}_DATA`] ? `TEMPORAL_TLS_${item}_DATA` : undefined;

/**
 * Address, TLS (server CA, SNI name, mTLS client pair) and API key for every connection Relance
 * opens to Temporal. TLS is on with `TEMPORAL_TLS=true`, with any TLS file or name, and with an API
 * key (Temporal Cloud) unless `TEMPORAL_TLS=false` (a proxy that terminates TLS). Refuses, naming
 * the variable, a half-configured pair, unreadable or non-PEM material, a key that does not match
 * its certificate, TLS settings with `TEMPORAL_TLS=false`, and any of them without `TEMPORAL_ADDRESS`
 * (the embedded dev server speaks plain gRPC).
 */
export function temporalConnectionOptions(vars: TemporalConnectionVariables, readFile: ReadFile = readFileSync): TemporalConnectionOptions {
  const address = vars.TEMPORAL_ADDRESS ?? TEMPORAL_DEFAULT_ADDRESS;
  const tlsSettings = TLS_VARIABLES.filter((name) => vars[name]);
  if (!vars.TEMPORAL_ADDRESS && (tlsSettings.length > 0 || vars.TEMPORAL_API_KEY || vars.TEMPORAL_TLS === 'true')) {
    refuse('TEMPORAL_ADDRESS', `TEMPORAL_ADDRESS is required with ${[...tlsSettings, ...(vars.TEMPORAL_API_KEY ? ['TEMPORAL_API_KEY'] : []), ...(vars.TEMPORAL_TLS === 'true' ? ['TEMPORAL_TLS'] : [])].join(', ')}: the embedded dev server has no TLS or API keys`);
  }
  if (vars.TEMPORAL_TLS === 'false' && tlsSettings.length > 0) {
    refuse('TEMPORAL_TLS', `TEMPORAL_TLS=false but ${tlsSettings.join(', ')} ${tlsSettings.length > 1 ? 'are' : 'is'} set: remove them or turn TLS on`);
  }
  const certVar = given(vars, 'CLIENT_CERT');
  const keyVar = given(vars, 'CLIENT_KEY');
  if (certVar && !keyVar) refuse('TEMPORAL_TLS_CLIENT_KEY_PATH', `TEMPORAL_TLS_CLIENT_KEY_PATH (or _DATA) is required with ${certVar}: mTLS needs the client certificate and its private key`);
  if (keyVar && !certVar) refuse('TEMPORAL_TLS_CLIENT_CERT_PATH', `TEMPORAL_TLS_CLIENT_CERT_PATH (or _DATA) is required with ${keyVar}: mTLS needs the client certificate and its private key`);

  const ca = pem(vars, 'SERVER_CA_CERT', readFile);
  const crt = pem(vars, 'CLIENT_CERT', readFile);
  const key = pem(vars, 'CLIENT_KEY', readFile);
  if (crt && key) {
    let matches: boolean;
    try {
      matches = new X509Certificate(crt).checkPrivateKey(createPrivateKey(key));
    } catch (err) {
      refuse(keyVar!, `the client certificate or key cannot be read: ${(err as Error).message}`);
    }
    if (!matches) refuse(keyVar!, `the private key does not belong to the certificate in ${certVar}`);
  }

  const tlsOn = vars.TEMPORAL_TLS === 'true' || tlsSettings.length > 0 || (vars.TEMPORAL_API_KEY !== undefined && vars.TEMPORAL_TLS !== 'false');
  const options: TemporalConnectionOptions = { address };
  if (tlsOn) {
    options.tls = {
      ...(vars.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: vars.TEMPORAL_TLS_SERVER_NAME } : {}),
      ...(ca ? { serverRootCACertificate: ca } : {}),
      ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    };
  } else if (vars.TEMPORAL_TLS === 'false') {
    options.tls = false;
  }
  if (vars.TEMPORAL_API_KEY) options.apiKey = vars.TEMPORAL_API_KEY;
  return options;
}
