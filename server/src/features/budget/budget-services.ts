import type { BudgetDecisionService } from './budget-decision-service.js';
import type { BudgetEntryService } from './budget-entry-service.js';
import type { BudgetExecutionService } from './budget-execution-service.js';
import type { BudgetReferenceService } from './budget-reference-service.js';
import type { ReceiptService } from './receipts/receipt-service.js';

/**
 * The budget, one service per concern, built in the composition root: reference data (fiscal
 * years, funding sources, lines), decisions, entries (commitments and payments), execution
 * (with year-end forecasts and the multi-year comparison), receipts (recettes encaissées).
 */
export interface BudgetServices {
  readonly reference: BudgetReferenceService;
  readonly decisions: BudgetDecisionService;
  readonly entries: BudgetEntryService;
  readonly execution: BudgetExecutionService;
  readonly receipts: ReceiptService;
}
