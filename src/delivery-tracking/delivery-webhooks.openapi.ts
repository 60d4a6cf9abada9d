import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryTrackingService, EventBatchResult } from './delivery-tracking.service.js';
import type { InboundRepliesService } from './inbound-replies.service.js';

// Response schemas of the provider webhooks; `implements` keeps them in step with the services.

type TwilioStatus = Awaited<ReturnType<DeliveryTrackingService['twilioStatus']>>;
type InboundReplyReceived = Awaited<ReturnType<InboundRepliesService['receive']>>;

export class SendGridEventsResponse implements EventBatchResult {
  @ApiProperty({ type: 'integer', description: 'Events in the post' }) received!: number;
  @ApiProperty({ type: 'integer', description: 'Events recorded now' }) recorded!: number;
  @ApiProperty({ type: 'integer', description: 'Events already recorded (a provider retry)' }) duplicates!: number;
  @ApiProperty({ type: 'integer', description: 'Events about no message of ours (sent by another system on the same account)' }) unmatched!: number;
}

export class TwilioStatusResponse implements TwilioStatus {
  @ApiProperty({ description: 'false: already recorded (a provider retry), or not about a message of ours' }) recorded!: boolean;
  @ApiProperty({ description: 'The callback is about a message of ours' }) matched!: boolean;
}

export class InboundReplyReceivedResponse implements InboundReplyReceived {
  @ApiProperty({ format: 'uuid' }) replyId!: string;
  @ApiProperty({ format: 'uuid', description: 'The message it answers' }) messageId!: string;
  @ApiProperty({ description: 'true: this email was already received (a provider retry): nothing new recorded' }) duplicate!: boolean;
}
