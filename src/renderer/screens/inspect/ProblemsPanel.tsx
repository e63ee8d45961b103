import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { InspectionProblem } from '../../../shared/model/inspection';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { problemPageSize } from '../../store/inspect-slice';
import { pagedItemAt } from '../../store/paged-list';
import { useFerry } from '../../store/store-context';
import { SeverityBadge } from './SeverityBadge';

const rowHeight = 78;

function ProblemRow({
  problem,
  onShow,
}: {
  problem: InspectionProblem | undefined;
  onShow: (id: string) => void;
}) {
  if (!problem) {
    return (
      <Text size="sm" c="dimmed" p="xs">
        {t.inspect.loadingRow}
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" p="xs" style={{ height: rowHeight }}>
      <SeverityBadge severity={problem.severity} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text size="xs" c="dimmed" ff="monospace">
          {problem.code}
        </Text>
        <Text size="sm" lineClamp={2} title={problem.message}>
          {problem.message}
        </Text>
      </div>
      {problem.objectId && (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={t.problems.show(problem.objectId)}
          onClick={() => onShow(problem.objectId!)}
        >
          {t.problems.showShort}
        </Button>
      )}
    </Group>
  );
}

/** Every problem validation found, a page at a time; each one with an object links to it. */
export function ProblemsPanel({ onShow }: { onShow: (id: string) => void }) {
  const counts = useFerry((s) => s.inspect.summary?.problemCounts);
  const problems = useFerry((s) => s.inspect.problems);
  const severity = useFerry((s) => s.inspect.problemSeverity);
  const setProblemSeverity = useFerry((s) => s.setProblemSeverity);
  const ensureProblemRange = useFerry((s) => s.ensureProblemRange);
  const total = problems.total ?? 0;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count: total,
    rowHeight,
    onRange: ensureProblemRange,
    resetKey: problems.generation,
  });
  const all = counts ? counts.error + counts.warning + counts.info : 0;

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="xs" fw={500} id="problem-severity">
          {t.problems.severityLabel}
        </Text>
        <SegmentedControl
          aria-labelledby="problem-severity"
          size="xs"
          value={severity ?? 'all'}
          onChange={(v) => setProblemSeverity(v === 'all' ? null : v)}
          data={[
            { value: 'all', label: `${t.problems.all} ${formatCount(all)}` },
            ...(['error', 'warning', 'info'] as const).map((s) => ({
              value: s,
              label: `${t.problems.severity[s]} ${formatCount(counts?.[s] ?? 0)}`,
            })),
          ]}
        />
      </Group>
      {problems.error && <ErrorAlert title={t.problems.loadFailed} error={problems.error} />}
      {problems.total === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {severity ? t.problems.noneOfSeverity : t.problems.none}
        </Text>
      ) : (
        <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(50vh, 500px)', minHeight: 220 }}>
          <div role="list" aria-label={t.problems.label}>
            {paddingTop > 0 && <div aria-hidden="true" style={{ height: paddingTop }} />}
            {items.map((item) => (
              <div
                key={item.key}
                role="listitem"
                style={{ height: rowHeight, borderBottom: '1px solid var(--mantine-color-default-border)' }}
              >
                <ProblemRow problem={pagedItemAt(problems, item.index, problemPageSize)} onShow={onShow} />
              </div>
            ))}
            {paddingBottom > 0 && <div aria-hidden="true" style={{ height: paddingBottom }} />}
          </div>
        </div>
      )}
    </Stack>
  );
}
