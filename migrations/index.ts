// Every migration, in order. `npm run migration:generate -- <Name>` appends here.
import { InitialSchema1795430454494 } from './1795430454494-InitialSchema.js';
import { SeedDefaultLegalEntity1795430460000 } from './1795430460000-SeedDefaultLegalEntity.js';
import type { MigrationInterface } from 'typeorm';
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795430454494,
  SeedDefaultLegalEntity1795430460000,
];
