import { Logger } from '@nestjs/common';
import { ConfigValidationError, loadConfig, type AppConfig } from '../config/app-config.js';

/** Loads the configuration or stops the process with a message naming the bad variables. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      process.stderr.write(`relance: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdownSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    new Logger('Relance').log(`${signal} received, shutting down`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`relance: shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
