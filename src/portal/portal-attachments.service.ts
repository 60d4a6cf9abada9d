import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { PortalAttachment } from './portal-attachment.entity.js';

@Injectable()
export class PortalAttachmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<PortalAttachment> {
    const found = await this.dataSource.manager.findOneBy(PortalAttachment, { id });
    if (!found) throw new NotFoundError('Attachment', id);
    return found;
  }
}
