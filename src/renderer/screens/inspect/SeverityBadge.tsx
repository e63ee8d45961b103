import { Badge } from '@mantine/core';
import type { ProblemSeverity } from '../../../shared/model/inspection';
import { t } from '../../i18n';

const colors: Record<ProblemSeverity, string> = { error: 'red', warning: 'orange', info: 'gray' };

export function SeverityBadge({ severity }: { severity: ProblemSeverity }) {
  return (
    <Badge color={colors[severity]} variant="light" size="sm" style={{ flexShrink: 0 }}>
      {t.problems.severityOne[severity]}
    </Badge>
  );
}
