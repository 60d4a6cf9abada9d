/**
 * A TLS front for the suite's plain-gRPC Temporal dev server, standing in for Temporal Cloud or a
 * secured cluster: HTTP/2 over TLS with the test CA's server certificate, optionally requiring a client
 * certificate it signed (mTLS) and a bearer API key, then each gRPC call forwarded to the dev server.
 * Records what every call presented so tests can check what the SDKs sent.
 */
import { connect, constants, createSecureServer, type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';

const dir = join(process.cwd(), 'test/fixtures/temporal-tls');
const HOP_BY_HOP = new Set([':authority', ':scheme', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'http2-settings']);

export interface ProxiedCall {
  path: string;
  authorization: string | undefined;
  /** CN of the client certificate, or null without one. */
  clientCertificate: string | null;
  /** SNI name the client asked for. */
  serverName: string | null;
}

export interface GrpcTlsProxy {
  address: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
}

function forward(upstream: ClientHttp2Session, stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
  const outgoing: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) outgoing[name] = value;
  const request = upstream.request(outgoing);
  stream.pipe(request);
  let trailers: OutgoingHttpHeaders = {};
  request.on('trailers', (t) => { trailers = { ...t }; });
  request.on('response', (responseHeaders) => {
    const trailersOnly = responseHeaders['grpc-status'] !== undefined;
    stream.respond({ ...responseHeaders }, trailersOnly ? {} : { waitForTrailers: true });
    if (!trailersOnly) stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    request.pipe(stream);
  });
  request.on('error', () => stream.close(constants.NGHTTP2_INTERNAL_ERROR));
  stream.on('close', () => { if (!request.closed) request.close(constants.NGHTTP2_CANCEL); });
}

/** Starts the proxy on 127.0.0.1 in front of `target` (host:port of a plain-gRPC Temporal frontend). */
export async function startGrpcTlsProxy(target: string, options: { requireClientCertificate: boolean; apiKey?: string }): Promise<GrpcTlsProxy> {
  const upstream = connect(`http://${target}`);
  upstream.on('error', () => undefined);
  const calls: ProxiedCall[] = [];
  const server = createSecureServer({
    key: readFileSync(join(dir, 'server.key')),
    cert: readFileSync(join(dir, 'server.pem')),
    ca: readFileSync(join(dir, 'ca.pem')),
    requestCert: options.requireClientCertificate,
    rejectUnauthorized: options.requireClientCertificate,
    ALPNProtocols: ['h2'],
  });
  server.on('stream', (stream, headers) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    const peer = socket?.getPeerCertificate();
    const authorization = headers.authorization;
    calls.push({
      path: String(headers[':path']),
      authorization,
      clientCertificate: peer && peer.subject ? String(peer.subject.CN) : null,
      serverName: (socket as (TLSSocket & { servername?: string | false }) | undefined)?.servername || null,
    });
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(16), 'grpc-message': 'missing or wrong API key' }, { endStream: true });
      return;
    }
    forward(upstream, stream, headers);
  });
  // A refused handshake (no client certificate) is the client's problem, not the test's.
  server.on('tlsClientError', () => undefined);
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    calls,
    close: async () => {
      for (const session of sessions) session.destroy();
      upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
