/**
 * What the credit rescoring activity needs from the application: rescoring
 * one page of the portfolio in customer-id order. Implemented by
 * CustomerScoringService (src/credit/customer-scoring.service.ts).
 */
export interface CreditRescoringPage {
  scored: number;
  written: number;
  degraded: number;
  /** The last customer id of the page; null when the portfolio is exhausted. */
  lastId: string | null;
}

export interface CreditRescoringPort {
  rescorePage(afterId: string | null, limit: number): Promise<CreditRescoringPage>;
}
