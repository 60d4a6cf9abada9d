import { Module } from '@nestjs/common';
import { DisputeFiguresModule } from '../disputes/disputes.module.js';
import { OrganizationModule } from '../organization/organization.module.js';
import { PredictionController } from './prediction.controller.js';
import { PredictionService } from './prediction.service.js';

/** Payment-date predictions in the product (service exported for the invoice and risk views). */
@Module({
  imports: [OrganizationModule, DisputeFiguresModule],
  providers: [PredictionService],
  exports: [PredictionService],
})
export class PredictionModule {}

/** The HTTP routes: worklist and cash forecast. */
@Module({
  imports: [PredictionModule],
  controllers: [PredictionController],
})
export class PredictionApiModule {}
