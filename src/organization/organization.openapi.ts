import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount, DECIMAL_AMOUNT_PATTERN } from '../openapi/dto-schemas.js';
import type { BusinessCalendar, HolidayCountry, SendingWindow } from '../../workflows/domain/business-calendar.js';
import type { LegalEntitiesService } from './legal-entities.service.js';

// Response schema of GET/PUT /entities/:code/settings; `implements` and the controller's return types keep it in step with settingsView.

type EntitySettingsView = ReturnType<LegalEntitiesService['settingsView']>;

class BusinessCalendarResponse implements BusinessCalendar {
  @ApiProperty({ type: 'string', enum: ['FR', 'none'], description: 'Public holidays observed' }) country!: HolidayCountry;
  @ApiProperty({ description: 'Good Friday and 26 December too (FR only)' }) alsaceMoselle!: boolean;
  @ApiProperty({ type: 'string', format: 'date', isArray: true, description: 'Closed days on top of the public holidays' }) extraHolidays!: string[];
  @ApiProperty({ type: 'string', format: 'date', isArray: true, description: 'Public holidays the entity works' }) removedHolidays!: string[];
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 6, isArray: true, description: '0 = Sunday … 6 = Saturday' }) weekendDays!: number[];
}

class SendingWindowResponse implements SendingWindow {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 23 }) startHour!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 24 }) endHour!: number;
  @ApiProperty() businessDaysOnly!: boolean;
}

class EcbRateResponse {
  @ApiProperty({ format: 'date', description: 'First day the rate is in force' }) from!: string;
  @ApiProperty({ type: 'integer', description: 'Basis points (1 bp = 0.01 %)' }) rateBp!: number;
}

class PenaltyPolicyResponse {
  @ApiProperty({ type: 'integer', description: 'Points above the ECB rate, in basis points (statutory default when not set)' }) marginBp!: number;
  @ApiProperty({ type: 'integer', required: false }) floorRateBp?: number;
  @ApiProperty({ type: 'string', pattern: DECIMAL_AMOUNT_PATTERN, required: false, description: "In the invoice's currency; absent: €40 on euro invoices" }) fixedIndemnity?: string;
  @ApiProperty() businessToBusiness!: boolean;
  @ApiProperty({ type: [EcbRateResponse], required: false, description: 'Replaces the built-in ECB rate table' }) rates?: EcbRateResponse[];
}

class WriteOffThresholdResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiDecimalAmount('Write-offs up to this amount need no finance manager') amount!: string;
}

export class EntitySettingsResponse implements EntitySettingsView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' }) country!: string;
  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone' }) timeZone!: string;
  @ApiProperty({ type: BusinessCalendarResponse }) businessCalendar!: BusinessCalendarResponse;
  @ApiProperty({ type: SendingWindowResponse, description: 'Local hours and days messages may go out' }) sendingWindow!: SendingWindowResponse;
  @ApiProperty({ type: PenaltyPolicyResponse, description: "Late-payment terms stated in formal notices, the country's statutory defaults filled in" }) latePaymentPenalties!: PenaltyPolicyResponse;
  @ApiProperty({ type: [WriteOffThresholdResponse], description: 'By currency; a currency absent always needs a finance manager' }) writeOffApprovalThresholds!: WriteOffThresholdResponse[];
  @ApiProperty({ type: 'string', nullable: true, description: "The customer portal's pay button target; null: no pay button" }) paymentUrlTemplate!: string | null;
}
