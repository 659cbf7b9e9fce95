/**
 * What is wrong with the shape of one change of an imported journal entry, or undefined. Every
 * change is an object with a `kind`; a `refund_request_reestimated` change, whose numbers the
 * fold adds straight into payments and holds, also needs a request id, parts of non-negative
 * integers and holds of positive integers. (The fold checks the other kinds' references; see
 * `checkEntryApplicable`.)
 */
export function changeShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || typeof (value as { kind?: unknown }).kind !== 'string') return 'a change must be an object with a kind';
  const change = value as Record<string, unknown>;
  if (change['kind'] !== 'refund_request_reestimated') return undefined;
  const parts = change['parts'] as Record<string, unknown> | null | undefined;
  if (
    typeof change['refundRequest'] !== 'string' ||
    typeof parts !== 'object' ||
    parts === null ||
    !isAmount(parts['platform'], 0) ||
    !Array.isArray(parts['submerchants']) ||
    !(parts['submerchants'] as unknown[]).every((part) => isObject(part) && typeof part['submerchantId'] === 'string' && isAmount(part['amount'], 0)) ||
    !Array.isArray(change['holds']) ||
    !(change['holds'] as unknown[]).every((hold) => isObject(hold) && typeof hold['merchant'] === 'string' && isAmount(hold['amount'], 1))
  ) {
    return 'refund_request_reestimated needs refundRequest, parts (platform and submerchants, integers ≥ 0) and holds (merchant and an integer amount ≥ 1)';
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isAmount(value: unknown, least: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= least;
}
