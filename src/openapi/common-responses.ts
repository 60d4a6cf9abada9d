import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimalAmount } from './dto-schemas.js';

// Response pieces shared by several capabilities' response schemas.

/** An exact amount: a decimal string in its currency. */
export class MoneyResponse {
  @ApiDecimalAmount() amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

/** Who did something: a console user, or a name only (ERP, operator key, email link). */
export class ActorResponse {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty() name!: string;
}
