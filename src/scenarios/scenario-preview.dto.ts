import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { IsIsoDate } from '../common/iso-date.js';
import { SCENARIO_CHANNELS, SCENARIO_LANGUAGES, type ScenarioChannel, type ScenarioLanguage } from '../../workflows/domain/scenario.js';

/** POST /api/v1/scenarios/:id/preview: one step's message for one real invoice. */
export class PreviewStepDto {
  /** Unknown (or malformed) ids are 404, like every id in the API. */
  @IsString() @Length(1, 64)
  invoiceId!: string;

  @IsString() @Length(1, 64)
  stepKey!: string;

  @IsIn(SCENARIO_CHANNELS, { message: `channel must be one of ${SCENARIO_CHANNELS.join(', ')}` })
  channel!: ScenarioChannel;

  /** Default: the language of the invoice's primary contact. */
  @IsOptional() @IsIn(SCENARIO_LANGUAGES, { message: `language must be one of ${SCENARIO_LANGUAGES.join(', ')}` })
  language?: ScenarioLanguage;

  /** A published version; default: the draft. */
  @IsOptional() @IsInt() @Min(1)
  version?: number;

  /** The date the message is written as of; default: today in the customer's time zone. */
  @IsOptional() @IsIsoDate()
  asOf?: string;
}
