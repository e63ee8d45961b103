import { Button, Checkbox, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { ObjectFilters, ObjectRow } from '../../../shared/model/inspection';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ObjectFilterBar } from '../../components/ObjectFilterBar';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { objectPageSize } from '../../store/inspection-view';
import { pagedItemAt } from '../../store/paged-list';
import { useFerry } from '../../store/store-context';

const rowHeight = 34;

function PickRow({
  index,
  row,
  picked,
  onToggle,
}: {
  index: number;
  row: ObjectRow | undefined;
  picked: boolean;
  onToggle: (id: string) => void;
}) {
  if (!row) {
    return (
      <Table.Tr aria-rowindex={index + 2} style={{ height: rowHeight }}>
        <Table.Td colSpan={4}>
          <Text size="sm" c="dimmed">
            {t.inspect.loadingRow}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <Table.Tr
      aria-rowindex={index + 2}
      style={{ height: rowHeight }}
      className={picked ? 'ferry-row-selected ferry-clickable-row' : 'ferry-clickable-row'}
      onClick={() => onToggle(row.id)}
    >
      <Table.Td>
        <Checkbox
          size="xs"
          checked={picked}
          onChange={() => onToggle(row.id)}
          onClick={(e) => e.stopPropagation()}
          aria-label={t.exportStep.pickObject(row.name, row.type ?? row.kind)}
        />
      </Table.Td>
      <Table.Td className="ferry-truncate" title={`${row.name}\n${row.path}`}>
        {row.name}
      </Table.Td>
      <Table.Td className="ferry-truncate">{row.type ?? row.kind}</Table.Td>
      <Table.Td className="ferry-truncate">{row.workflow ?? t.none}</Table.Td>
    </Table.Tr>
  );
}

/** The custom export's source list: every object of the workspace, filtered on the backend, picked by checkbox. */
export function ObjectPicker() {
  const catalog = useFerry((s) => s.exportFlow.catalog);
  const selected = useFerry((s) => s.exportFlow.selected);
  const withDeps = useFerry((s) => s.exportFlow.withDeps);
  const selectingAll = useFerry((s) => s.exportFlow.selectingAll);
  const toggleSelected = useFerry((s) => s.toggleSelected);
  const clearSelected = useFerry((s) => s.clearSelected);
  const selectAllMatching = useFerry((s) => s.selectAllMatching);
  const setCatalogFilters = useFerry((s) => s.setCatalogFilters);
  const ensureCatalogRange = useFerry((s) => s.ensureCatalogRange);
  const setWithDeps = useFerry((s) => s.setWithDeps);
  const onFilters = useCallback((f: Partial<ObjectFilters>) => setCatalogFilters(f), [setCatalogFilters]);

  const picked = new Set(selected);
  const total = catalog.objects.total ?? 0;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count: total,
    rowHeight,
    onRange: ensureCatalogRange,
    resetKey: catalog.objects.generation,
  });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="export-pick">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="export-pick">
            {t.exportStep.pickTitle}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t.exportStep.selectedCount(formatCount(selected.length))}
          </Text>
        </Group>
        <ObjectFilterBar
          summary={catalog.summary}
          filters={catalog.filters}
          keys={['workflowId', 'nodeType', 'owner']}
          onChange={onFilters}
          searchLabel={t.exportStep.searchLabel}
        />
        {catalog.error && <ErrorAlert title={t.exportStep.catalogFailed} error={catalog.error} />}
        {(catalog.status === 'starting' || catalog.status === 'running') && (
          <Text size="sm" c="dimmed" role="status">
            {t.exportStep.catalogLoading}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => void selectAllMatching()}
            disabled={total === 0 || selectingAll}
            loading={selectingAll}
          >
            {t.exportStep.selectAll(formatCount(total))}
          </Button>
          <Button size="xs" variant="subtle" onClick={clearSelected} disabled={selected.length === 0}>
            {t.exportStep.clearSelection}
          </Button>
        </Group>
        <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(46vh, 460px)', minHeight: 220 }}>
          <Table
            layout="fixed"
            stickyHeader
            highlightOnHover
            verticalSpacing={4}
            aria-label={t.exportStep.pickerLabel}
            aria-rowcount={total + 1}
          >
            <colgroup>
              <col style={{ width: 36 }} />
              <col />
              <col style={{ width: 120 }} />
              <col style={{ width: 130 }} />
            </colgroup>
            <Table.Thead>
              <Table.Tr aria-rowindex={1}>
                <Table.Th aria-label={t.exportStep.pickerLabel} />
                <Table.Th>{t.exportStep.columns.name}</Table.Th>
                <Table.Th>{t.exportStep.columns.type}</Table.Th>
                <Table.Th>{t.exportStep.columns.workflow}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {paddingTop > 0 && (
                <tr aria-hidden="true" style={{ height: paddingTop }}>
                  <td colSpan={4} />
                </tr>
              )}
              {items.map((item) => {
                const row = pagedItemAt(catalog.objects, item.index, objectPageSize);
                return (
                  <PickRow
                    key={item.key}
                    index={item.index}
                    row={row}
                    picked={row ? picked.has(row.id) : false}
                    onToggle={toggleSelected}
                  />
                );
              })}
              {paddingBottom > 0 && (
                <tr aria-hidden="true" style={{ height: paddingBottom }}>
                  <td colSpan={4} />
                </tr>
              )}
            </Table.Tbody>
          </Table>
        </div>
        {catalog.status === 'ready' && catalog.objects.total === null && !catalog.objects.error && (
          <Text size="sm" c="dimmed" role="status">
            {t.inspect.loadingRow}
          </Text>
        )}
        {catalog.status === 'ready' && catalog.objects.total === 0 && (
          <Text size="sm" c="dimmed">
            {t.exportStep.noMatch}
          </Text>
        )}
        <div>
          <Text size="sm" fw={500} id="export-deps" mb={4}>
            {t.exportStep.depsLabel}
          </Text>
          <SegmentedControl
            aria-labelledby="export-deps"
            value={withDeps}
            onChange={(v) => setWithDeps(v)}
            data={(['none', 'up', 'down', 'both'] as const).map((value) => ({
              value,
              label: t.exportStep.deps[value],
            }))}
            size="xs"
          />
        </div>
      </Stack>
    </Paper>
  );
}
