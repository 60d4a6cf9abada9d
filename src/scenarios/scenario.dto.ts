import { Nullable } from '../common/validation.js';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { IN_FLIGHT_POLICIES, type InFlightPolicy } from '../../workflows/domain/scenario.js';
import { ScenarioDefinitionDto } from './scenario-definition.dto.js';

const NOT_BLANK = /\S/;

/** POST /api/v1/scenarios: a new scenario, as a draft. */
export class CreateScenarioDto {
  @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;

  /** Legal entity code; the default entity when absent. */
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ScenarioDefinitionDto)
  definition!: ScenarioDefinitionDto;
}

/** PUT /api/v1/scenarios/:id: replaces the draft, from the revision the editor started from. */
export class UpdateScenarioDto {
  @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  /** null clears it; absent keeps it. */
  @Nullable() @IsOptional() @IsString() @MaxLength(2000)
  description?: string | null;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => ScenarioDefinitionDto)
  definition!: ScenarioDefinitionDto;

  @IsInt() @Min(1)
  draftRevision!: number;
}

export class PublishScenarioDto {
  @IsIn(IN_FLIGHT_POLICIES, { message: `inFlightPolicy must be one of ${IN_FLIGHT_POLICIES.join(', ')}` })
  inFlightPolicy!: InFlightPolicy;
}
