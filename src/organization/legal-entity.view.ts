/** The legal entity LegalEntitiesService answers with, as a type for other capabilities. */
export type { LegalEntity } from './legal-entity.entity.js';
