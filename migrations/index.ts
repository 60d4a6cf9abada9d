// Every migration, in order. `npm run migration:generate -- <Name>` appends here.
import { ImportLoadFailureCodes1796353629118 } from './1796353629118-ImportLoadFailureCodes.js';
import { CollectorTaskTitleCodes1796337691243 } from './1796337691243-CollectorTaskTitleCodes.js';
import { UserTokenIssuedAt1796336802393 } from './1796336802393-UserTokenIssuedAt.js';
import { DisputeRuleCurrency1796333853544 } from './1796333853544-DisputeRuleCurrency.js';
import { InvoiceImports1796293397138 } from './1796293397138-InvoiceImports.js';
import { DropCreditAllocationKind1796291558290 } from './1796291558290-DropCreditAllocationKind.js';
import { CustomerPortal1796290833076 } from './1796290833076-CustomerPortal.js';
import { OutboundMessagesChannelStatusIndex1796290621159 } from './1796290621159-OutboundMessagesChannelStatusIndex.js';
import { PaymentPlans1796281914392 } from './1796281914392-PaymentPlans.js';
import { DeliveryTracking1796283759083 } from './1796283759083-DeliveryTracking.js';
import { ScenarioExperiments1796279282535 } from './1796279282535-ScenarioExperiments.js';
import { CashCreditAllocations1796279012766 } from './1796279012766-CashCreditAllocations.js';
import { PaymentPromises1796278835538 } from './1796278835538-PaymentPromises.js';
import { CustomerContactRoles1796278813217 } from './1796278813217-CustomerContactRoles.js';
import { CollectorWorkspace1796278748452 } from './1796278748452-CollectorWorkspace.js';
import { ReceivablesLedger1796264704430 } from './1796264704430-ReceivablesLedger.js';
import { ConsoleSessions1796264732277 } from './1796264732277-ConsoleSessions.js';
import { ErpDocuments1796265119002 } from './1796265119002-ErpDocuments.js';
import { Integrations1796251857447 } from './1796251857447-Integrations.js';
import { ErpEventFailures1796252119672 } from './1796252119672-ErpEventFailures.js';
import { BankStatements1796252670421 } from './1796252670421-BankStatements.js';
import { ListIndexes1796267122914 } from './1796267122914-ListIndexes.js';
import { InvoiceSearchIndexes1796267556175 } from './1796267556175-InvoiceSearchIndexes.js';
import { DisputesCustomerIndex1795446946043 } from './1795446946043-DisputesCustomerIndex.js';
import { Disputes1795445469870 } from './1795445469870-Disputes.js';
import { CreditRiskExposureScores1795444173203 } from './1795444173203-CreditRiskExposureScores.js';
import { CustomerCreditLimits1795442845215 } from './1795442845215-CustomerCreditLimits.js';
import { CreditLimitPreviousLimit1795442730310 } from './1795442730310-CreditLimitPreviousLimit.js';
import { CreditLimitRequests1795442678794 } from './1795442678794-CreditLimitRequests.js';
import { UsersGroupsInternalMailErpOutbox1795440698948 } from './1795440698948-UsersGroupsInternalMailErpOutbox.js';
import { DunningPauseHistoryIndexes1795436291927 } from './1795436291927-DunningPauseHistoryIndexes.js';
import { EntityPenaltyPolicy1795436250085 } from './1795436250085-EntityPenaltyPolicy.js';
import { ConsolidatedMessageItems1795434978550 } from './1795434978550-ConsolidatedMessageItems.js';
import { LetterDocuments1795434395382 } from './1795434395382-LetterDocuments.js';
import { ScenarioExecution1795433068140 } from './1795433068140-ScenarioExecution.js';
import { Scenarios1795432649938 } from './1795432649938-Scenarios.js';
import { DunningPauses1795432392882 } from './1795432392882-DunningPauses.js';
import { InitialSchema1795430454494 } from './1795430454494-InitialSchema.js';
import { SeedDefaultLegalEntity1795430460000 } from './1795430460000-SeedDefaultLegalEntity.js';
import { CashApplication1796264522420 } from './1796264522420-CashApplication.js';
import type { MigrationInterface } from 'typeorm';
import { AgedBalancePageIndex1796300000000 } from './1796300000000-AgedBalancePageIndex.js';
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795430454494,
  SeedDefaultLegalEntity1795430460000,
  DunningPauses1795432392882,
  Scenarios1795432649938,
  ScenarioExecution1795433068140,
  LetterDocuments1795434395382,
  ConsolidatedMessageItems1795434978550,
  EntityPenaltyPolicy1795436250085,
  DunningPauseHistoryIndexes1795436291927,
  UsersGroupsInternalMailErpOutbox1795440698948,
  CreditLimitRequests1795442678794,
  CreditLimitPreviousLimit1795442730310,
  CustomerCreditLimits1795442845215,
  CreditRiskExposureScores1795444173203,
  Disputes1795445469870,
  DisputesCustomerIndex1795446946043,
  Integrations1796251857447,
  ErpEventFailures1796252119672,
  BankStatements1796252670421,
  CashApplication1796264522420,
  ReceivablesLedger1796264704430,
  ConsoleSessions1796264732277,
  ErpDocuments1796265119002,
  ListIndexes1796267122914,
  InvoiceSearchIndexes1796267556175,
  CollectorWorkspace1796278748452,
  CustomerContactRoles1796278813217,
  PaymentPromises1796278835538,
  CashCreditAllocations1796279012766,
  ScenarioExperiments1796279282535,
  PaymentPlans1796281914392,
  DeliveryTracking1796283759083,
  OutboundMessagesChannelStatusIndex1796290621159,
  CustomerPortal1796290833076,
  DropCreditAllocationKind1796291558290,
  InvoiceImports1796293397138,
  AgedBalancePageIndex1796300000000,
  DisputeRuleCurrency1796333853544,
  UserTokenIssuedAt1796336802393,
  CollectorTaskTitleCodes1796337691243,
  ImportLoadFailureCodes1796353629118,
];
