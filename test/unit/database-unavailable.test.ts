import { describe, expect, test } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { HttpErrorFilter } from '../../src/common/http-exception.filter.js';
import { isDatabaseUnavailable } from '../../src/database/database-unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  test.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', withCode('ECONNRESET')],
    ['refused on every address (AggregateError)', Object.assign(new AggregateError([withCode('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['refused inside an AggregateError only', new AggregateError([withCode('ECONNREFUSED')], '')],
    ['server shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['connection exception class 08', withCode('08006')],
    ['connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], withCode('57P01'))],
    ['as a cause', new Error('outer', { cause: withCode('ECONNREFUSED') })],
  ])('%s: unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  test.each([
    ['unique violation', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['syntax error', withCode('42601')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s: not unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('HttpErrorFilter', () => {
  function answer(exception: unknown) {
    const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
    const res = {
      setHeader: (k: string, v: string) => void (sent.headers[k] = v),
      status(code: number) {
        sent.status = code;
        return this;
      },
      json: (body: unknown) => void (sent.body = body),
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    // Its logger would print the expected warning and error.
    const filter = new HttpErrorFilter();
    (filter as unknown as { logger: { warn(): void; error(): void } }).logger = { warn() {}, error() {} };
    filter.catch(exception, host);
    return sent;
  }

  test('a database outage is a 503 DATABASE_UNAVAILABLE with Retry-After, not a 500', () => {
    expect(answer(withCode('ECONNREFUSED'))).toEqual({
      status: 503, headers: { 'Retry-After': '5' },
      body: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; retry later' },
    });
  });

  test('any other unexpected error stays a 500', () => {
    expect(answer(new TypeError('bug'))).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
  });
});
