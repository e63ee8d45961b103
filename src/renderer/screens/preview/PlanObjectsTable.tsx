import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { planActions, type PlanAction } from '../../../shared/model/plan';
import type { PlanObjectRow } from '../../../shared/model/plan-session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { pagedItemAt } from '../../store/paged-list';
import { planPageSize } from '../../store/plan-slice';
import { useFerry } from '../../store/store-context';
import { DiffView, languageOf } from './DiffView';

const rowHeight = 38;

export const actionColors: Record<PlanAction, string> = {
  create: 'teal',
  update: 'blue',
  unchanged: 'gray',
  conflict: 'red',
  excluded: 'yellow',
};

function Filters() {
  const filters = useFerry((s) => s.plan.filters);
  const waves = useFerry((s) => s.plan.head?.waves) ?? [];
  const setFilters = useFerry((s) => s.setPlanFilters);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label={t.preview.searchObjects}
        value={filters.search ?? ''}
        onChange={(e) => setFilters({ search: e.currentTarget.value })}
      />
      <Select
        label={t.preview.filterAction}
        clearable
        placeholder={t.preview.anyAction}
        data={planActions.map((a) => ({ value: a, label: t.preview.actions[a] }))}
        value={filters.action ?? null}
        onChange={(v) => setFilters({ action: v ?? undefined })}
      />
      <Select
        label={t.preview.filterWave}
        clearable
        placeholder={t.preview.anyWave}
        data={waves.map((w) => ({
          value: String(w.index),
          label: t.preview.waveLabel(w.index + 1, w.kind, w.level),
        }))}
        value={filters.wave === undefined ? null : String(filters.wave)}
        onChange={(v) => setFilters({ wave: v === null ? undefined : Number(v) })}
      />
      <Checkbox
        label={t.preview.onlyDryRun}
        checked={filters.dryRun === true}
        onChange={(e) => setFilters({ dryRun: e.currentTarget.checked ? true : undefined })}
      />
      <Checkbox
        label={t.preview.onlyCodeChanged}
        checked={filters.codeChanged === true}
        onChange={(e) => setFilters({ codeChanged: e.currentTarget.checked ? true : undefined })}
      />
    </Group>
  );
}

function Row({ row, onDiff }: { row: PlanObjectRow; onDiff: (row: PlanObjectRow) => void }) {
  return (
    <Table.Tr style={{ height: rowHeight }}>
      <Table.Td className="ferry-truncate" title={row.folderPath}>
        <Text size="sm" fw={500} span>
          {row.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{row.nodeType ?? row.kind}</Text>
      </Table.Td>
      <Table.Td title={row.reason}>
        <Group gap={4} wrap="nowrap">
          <Badge size="sm" color={actionColors[row.action]} variant="light">
            {t.preview.actions[row.action]}
          </Badge>
          {row.dryRun && (
            <Badge size="sm" color="grape" variant="outline">
              {t.preview.dryRunBadge(row.dryRun.recurrence)}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td className="ferry-truncate" title={row.destination.owner ?? undefined}>
        {row.destination.owner ?? t.none}
      </Table.Td>
      <Table.Td className="ferry-truncate" title={row.destination.resourceGroup ?? undefined}>
        {row.destination.resourceGroup ?? t.none}
      </Table.Td>
      <Table.Td title={row.effect?.explanation}>
        {row.effect ? (row.effect.day ?? t.preview.noDay[row.effect.rule] ?? t.none) : t.none}
      </Table.Td>
      <Table.Td className="ferry-number">{row.wave + 1}</Table.Td>
      <Table.Td>
        {row.hasDiff && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onDiff(row)}
            aria-label={t.preview.showDiff(row.name, row.nodeType ?? row.kind)}
          >
            {t.preview.diffCounts(row.added, row.removed)}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function DiffModal({ row, onClose }: { row: PlanObjectRow | null; onClose: () => void }) {
  const diff = useFerry((s) => s.plan.diff);
  return (
    <Modal opened={row !== null} onClose={onClose} title={t.preview.diffTitle(row?.name ?? '')} size="xl">
      {diff.status === 'loading' && <Text size="sm">{t.preview.loadingDiff}</Text>}
      {diff.error && <ErrorAlert title={t.preview.diffFailed} error={diff.error} />}
      {diff.data?.diff && row && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t.preview.diffSummary(diff.data.diff.added, diff.data.diff.removed)}
            {diff.data.diff.truncated ? ` ${t.preview.truncated}` : ''}
          </Text>
          <DiffView
            text={diff.data.diff.text}
            language={languageOf(row.nodeType)}
            label={t.preview.diffOf(row.name)}
          />
        </Stack>
      )}
    </Modal>
  );
}

/** Every object of the plan in apply order, filtered and paged by the backend, virtualised here. */
export function PlanObjectsTable() {
  const objects = useFerry((s) => s.plan.objects);
  const ensure = useFerry((s) => s.ensurePlanRange);
  const showDiff = useFerry((s) => s.showDiff);
  const diffFor = useFerry((s) => s.plan.diffFor);
  const count = objects.total ?? 0;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count,
    rowHeight,
    onRange: ensure,
    resetKey: objects.generation,
  });
  let open: PlanObjectRow | null = null;
  if (diffFor) {
    for (const page of Object.values(objects.pages)) open ??= page.find((r) => r.assetId === diffFor) ?? null;
  }
  return (
    <Stack gap="sm">
      <Filters />
      <Text size="xs" c="dimmed" role="status">
        {objects.total === null ? t.preview.loadingObjects : t.count.objects(count, formatCount(count))}
      </Text>
      {objects.error && <ErrorAlert title={t.preview.objectsFailed} error={objects.error} />}
      <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(60vh, 520px)', minHeight: 240 }}>
        <Table aria-label={t.preview.objectsTable} stickyHeader layout="fixed" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t.preview.columns.name}</Table.Th>
              <Table.Th w="11%">{t.preview.columns.type}</Table.Th>
              <Table.Th w="16%">{t.preview.columns.action}</Table.Th>
              <Table.Th w="13%">{t.preview.columns.owner}</Table.Th>
              <Table.Th w="14%">{t.preview.columns.resourceGroup}</Table.Th>
              <Table.Th w="10%">{t.preview.columns.effect}</Table.Th>
              <Table.Th w="6%">{t.preview.columns.wave}</Table.Th>
              <Table.Th w="8%">{t.preview.columns.diff}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && <tr style={{ height: paddingTop }} aria-hidden="true" />}
            {items.map((item) => {
              const row = pagedItemAt(objects, item.index, planPageSize);
              return row ? (
                <Row key={item.key} row={row} onDiff={(r) => void showDiff(r.assetId)} />
              ) : (
                <Table.Tr key={item.key} style={{ height: rowHeight }}>
                  <Table.Td colSpan={8}>
                    <Text size="sm" c="dimmed">
                      {t.preview.loadingObjects}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 && <tr style={{ height: paddingBottom }} aria-hidden="true" />}
          </Table.Tbody>
        </Table>
      </div>
      <DiffModal row={open} onClose={() => void showDiff(null)} />
    </Stack>
  );
}
