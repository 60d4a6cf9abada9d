import { createRelanceClient, type RelanceClient } from '../../client/index.js';
import { TEST_API_KEY, type Platform } from './platform.js';

/** The generated typed client on a test platform: request bodies and answers checked against openapi.json at compile time. */
export function typedClient(platform: Platform, token: string | null = TEST_API_KEY): RelanceClient {
  return createRelanceClient({ baseUrl: platform.baseUrl, token });
}
