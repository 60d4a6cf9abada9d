import { KpiMonthSnapshot } from './kpi-month-snapshot.entity.js';

export const REPORT_ENTITIES = [KpiMonthSnapshot];
