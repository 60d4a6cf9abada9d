import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { Customer } from './customer.entity.js';

export interface CustomerRef {
  id: string;
  externalId: string;
  name: string;
}

/** Read side of the customers for other modules (cash matching needs names to recognise payers). */
@Injectable()
export class CustomerDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ofEntity(entityId: string): Promise<CustomerRef[]> {
    return this.dataSource.manager.find(Customer, { where: { entityId }, select: { id: true, externalId: true, name: true } });
  }

  async byIds(ids: readonly string[]): Promise<CustomerRef[]> {
    if (ids.length === 0) return [];
    return this.dataSource.manager.find(Customer, { where: { id: In([...ids]) }, select: { id: true, externalId: true, name: true } });
  }

  async byExternalId(entityId: string, externalId: string): Promise<CustomerRef | null> {
    return this.dataSource.manager.findOne(Customer, { where: { entityId, externalId }, select: { id: true, externalId: true, name: true } });
  }
}
