import { describe, expect, it } from 'vitest';
import type { Plan, PlanFinding } from '../../shared/model/plan';
import { checkPlanImportable } from './import-runner';

/** Only the fields the check reads; the rest of a plan does not matter to it. */
function planWith(parts: { gate?: Plan['gate']; objects?: Plan['objects']; findings?: PlanFinding[] }): Plan {
  return { gate: [], objects: [], findings: [], ...parts } as unknown as Plan;
}

const finding = (severity: PlanFinding['severity'], code: string): PlanFinding => ({
  severity,
  code,
  message: `${code} happened`,
  assetId: null,
  rule: 'supported-combination',
});

describe('checkPlanImportable', () => {
  it('accepts a plan with warnings and infos only', () => {
    expect(() => checkPlanImportable(planWith({ findings: [finding('warning', 'w'), finding('info', 'i')] }))).not.toThrow();
  });

  it('refuses a plan with error findings, as `ferry plan` reports it blocked', () => {
    const plan = planWith({ findings: [finding('error', 'datastudio-version-mismatch'), finding('error', 'duplicate-entry')] });
    expect(() => checkPlanImportable(plan)).toThrow(
      /2 error finding\(s\) \(datastudio-version-mismatch, duplicate-entry\): fix them/,
    );
  });
});
