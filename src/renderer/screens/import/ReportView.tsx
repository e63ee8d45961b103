import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { importTaskStateLabels, type ImportTaskState } from '../../../shared/model/import-task';
import type { ReportObject } from '../../../shared/model/report';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { downloadText } from '../../lib/download';
import { formatCount, formatDateTime } from '../../lib/format';
import type { ReportFormat } from '../../store/import-slice';
import { reportPageSize } from '../../store/import-slice';
import { pagedItemAt } from '../../store/paged-list';
import { useFerry } from '../../store/store-context';

const rowHeight = 36;

export const stateColors: Record<ImportTaskState, string> = {
  editing: 'gray',
  importing: 'blue',
  completed: 'teal',
  'partially-completed': 'orange',
  'import-failed': 'red',
};

export function StateBadge({ state }: { state: ImportTaskState }) {
  return (
    <Badge color={stateColors[state]} variant="light" style={{ flexShrink: 0 }} miw="max-content">
      {importTaskStateLabels[state]}
    </Badge>
  );
}

const outcomeColors: Record<ReportObject['outcome'], string> = {
  succeeded: 'teal',
  failed: 'red',
  skipped: 'gray',
};

const mime: Record<ReportFormat, string> = { html: 'text/html', csv: 'text/csv', json: 'application/json' };

function ReportObjects() {
  const report = useFerry((s) => s.importFlow.report);
  const ensure = useFerry((s) => s.ensureReportRange);
  const count = report.total ?? 0;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count,
    rowHeight,
    onRange: ensure,
    resetKey: report.generation,
  });
  return (
    <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(50vh, 420px)', minHeight: 200 }}>
      <Table aria-label={t.importStep.reportTable} stickyHeader layout="fixed" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="26%">{t.preview.columns.name}</Table.Th>
            <Table.Th w="10%">{t.preview.columns.type}</Table.Th>
            <Table.Th w="12%">{t.preview.columns.action}</Table.Th>
            <Table.Th w="12%">{t.importStep.outcome}</Table.Th>
            <Table.Th w="14%">{t.preview.columns.owner}</Table.Th>
            <Table.Th w="12%">{t.importStep.landing}</Table.Th>
            <Table.Th w="14%">{t.importStep.reason}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && <tr style={{ height: paddingTop }} aria-hidden="true" />}
          {items.map((item) => {
            const row = pagedItemAt(report, item.index, reportPageSize);
            if (!row)
              return (
                <Table.Tr key={item.key} style={{ height: rowHeight }}>
                  <Table.Td colSpan={7}>…</Table.Td>
                </Table.Tr>
              );
            return (
              <Table.Tr key={item.key} style={{ height: rowHeight }}>
                <Table.Td className="ferry-truncate" title={row.destinationPath ?? undefined}>
                  {row.name}
                </Table.Td>
                <Table.Td>{row.kind}</Table.Td>
                <Table.Td>{t.preview.actions[row.action]}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={outcomeColors[row.outcome]}>
                    {t.importStep.outcomes[row.outcome]}
                  </Badge>
                </Table.Td>
                <Table.Td className="ferry-truncate">{row.owner ?? t.none}</Table.Td>
                <Table.Td>{row.landingState ?? t.none}</Table.Td>
                <Table.Td className="ferry-truncate" title={row.error ?? row.reason ?? undefined}>
                  {row.error ?? row.reason ?? ''}
                </Table.Td>
              </Table.Tr>
            );
          })}
          {paddingBottom > 0 && <tr style={{ height: paddingBottom }} aria-hidden="true" />}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** A finished import's report: state, counts, per-object rows, downloads, and Import again when something failed. */
export function ReportView() {
  const result = useFerry((s) => s.importFlow.result);
  const downloadError = useFerry((s) => s.importFlow.downloadError);
  const exportReport = useFerry((s) => s.exportReport);
  const importAgain = useFerry((s) => s.importAgain);
  if (!result) return null;
  const { task, report } = result;
  const { results } = report;
  const retry =
    task.state === 'partially-completed' || task.state === 'import-failed' || task.state === 'importing';
  const download = (format: ReportFormat) =>
    void exportReport(format).then(
      (text) => text !== null && downloadText(text, `${task.name}-report.${format}`, mime[format]),
    );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.importStep.reportTitle}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={3} size="h4">
              {t.importStep.reportOf(task.name)}
            </Title>
            <StateBadge state={task.state} />
          </Group>
          <Text size="sm" c="dimmed">
            {t.importStep.finishedAt(formatDateTime(task.finishedAt))}
          </Text>
        </Group>
        {task.error && (
          <ErrorAlert title={t.importStep.stoppedBy} error={{ code: 'internal', message: task.error }} />
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} role="region" aria-label={t.importStep.countsTitle}>
          {(['total', 'succeeded', 'failed', 'skipped'] as const).map((key) => (
            <Paper
              key={key}
              withBorder
              p="sm"
              radius="md"
              aria-label={`${t.importStep.counts[key]} ${results[key]}`}
            >
              <Text size="xs" c="dimmed">
                {t.importStep.counts[key]}
              </Text>
              <Text fw={700} size="xl" className="ferry-number">
                {formatCount(results[key])}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t.importStep.byAction(
            Object.entries(results.byAction)
              .filter(([, n]) => n > 0)
              .map(([action, n]) => `${n} ${action}`)
              .join(', '),
          )}
        </Text>
        <Group gap="sm">
          {(['html', 'csv', 'json'] as const).map((format) => (
            <Button key={format} variant="default" size="xs" onClick={() => download(format)}>
              {t.importStep.download(format.toUpperCase())}
            </Button>
          ))}
          {retry && (
            <Button size="xs" color="orange" onClick={() => void importAgain(task.id)}>
              {t.importStep.importAgain}
            </Button>
          )}
        </Group>
        {downloadError && <ErrorAlert title={t.importStep.downloadFailed} error={downloadError} />}
        <ReportObjects />
      </Stack>
    </Paper>
  );
}
