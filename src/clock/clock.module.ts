import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, systemClock } from './clock.js';

/** Makes the process's `Clock` injectable everywhere (the system clock unless a test passes another). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
