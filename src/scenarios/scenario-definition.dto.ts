import { Type } from 'class-transformer';
import { IsArray, IsNumber, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import type {
  ScenarioDefinition, ScenarioStepDefinition, StepConditions, StepTemplate, StepTemplates, StepTrigger,
} from '../../workflows/domain/scenario.js';

// Shape only (types, nesting, no unknown fields): the rules on values live in
// validateScenarioDefinition (scenario-validation.ts), applied on save and publish.

export class StepTriggerDto {
  @IsString()
  kind!: string;

  @IsOptional() @IsNumber()
  offsetDays?: number;

  @IsOptional() @IsNumber()
  days?: number;
}

export class StepTemplateDto {
  @IsOptional() @IsString()
  subject?: string;

  @IsString()
  body!: string;
}

export class ChannelTemplatesDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => StepTemplateDto)
  email?: StepTemplateDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => StepTemplateDto)
  sms?: StepTemplateDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => StepTemplateDto)
  letter?: StepTemplateDto;
}

export class StepTemplatesDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ChannelTemplatesDto)
  fr?: ChannelTemplatesDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => ChannelTemplatesDto)
  en?: ChannelTemplatesDto;
}

export class StepConditionsDto {
  @IsOptional() @IsString()
  minOverdueAmount?: string;

  @IsOptional() @IsArray() @IsString({ each: true })
  segments?: string[];

  @IsOptional() @IsArray() @IsString({ each: true })
  riskClasses?: string[];
}

export class StepCheckpointDto {
  @IsNumber()
  timeoutHours!: number;

  @IsString()
  onTimeout!: string;
}

export class ScenarioStepDto {
  @IsString()
  key!: string;

  @IsObject() @ValidateNested() @Type(() => StepTriggerDto)
  trigger!: StepTriggerDto;

  @IsString()
  action!: string;

  /** Optional in requests (none for tasks); always a list once stored. */
  @IsOptional() @IsArray() @IsString({ each: true })
  channels?: string[];

  /** Contact roles the step writes to (billing, accounts_payable, cfo…); default `["billing"]`. */
  @IsOptional() @IsArray() @IsString({ each: true })
  recipients?: string[];

  @IsOptional() @IsObject() @ValidateNested() @Type(() => StepTemplatesDto)
  templates?: StepTemplatesDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => StepConditionsDto)
  conditions?: StepConditionsDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => StepCheckpointDto)
  checkpoint?: StepCheckpointDto;
}

export class ScenarioDefinitionDto {
  @IsArray() @ValidateNested({ each: true }) @Type(() => ScenarioStepDto)
  steps!: ScenarioStepDto[];
}

/** The stored form: plain JSON, fields in a fixed order, absent options left out. */
export function toScenarioDefinition(dto: ScenarioDefinitionDto): ScenarioDefinition {
  return { steps: dto.steps.map(toStep) };
}

function toStep(s: ScenarioStepDto): ScenarioStepDefinition {
  const trigger: StepTrigger = s.trigger.kind === 'due_date'
    ? { kind: 'due_date', offsetDays: s.trigger.offsetDays! }
    : { kind: 'after_previous', days: s.trigger.days! };
  const step: ScenarioStepDefinition = {
    key: s.key, trigger, action: s.action as ScenarioStepDefinition['action'],
    channels: (s.channels ?? []) as ScenarioStepDefinition['channels'],
  };
  if (s.recipients) step.recipients = [...s.recipients] as ScenarioStepDefinition['recipients'];
  if (s.templates) step.templates = toTemplates(s.templates);
  if (s.conditions) step.conditions = compact<StepConditions>(s.conditions, ['minOverdueAmount', 'segments', 'riskClasses']);
  if (s.checkpoint) {
    step.checkpoint = { timeoutHours: s.checkpoint.timeoutHours, onTimeout: s.checkpoint.onTimeout as 'proceed' | 'skip' };
  }
  return step;
}

function toTemplates(t: StepTemplatesDto): StepTemplates {
  const out: StepTemplates = {};
  for (const language of ['fr', 'en'] as const) {
    const byChannel = t[language];
    if (!byChannel) continue;
    const channels: Partial<Record<'email' | 'sms' | 'letter', StepTemplate>> = {};
    for (const channel of ['email', 'sms', 'letter'] as const) {
      const tpl = byChannel[channel];
      if (tpl) channels[channel] = compact<StepTemplate>(tpl, ['subject', 'body']);
    }
    out[language] = channels;
  }
  return out;
}

function compact<T extends object>(source: object, keys: (keyof T & string)[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (source as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
