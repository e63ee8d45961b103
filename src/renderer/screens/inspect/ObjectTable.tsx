import { Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
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
const columns = 4;

function Row({
  index,
  row,
  selected,
  onSelect,
}: {
  index: number;
  row: ObjectRow | undefined;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  if (!row) {
    return (
      <Table.Tr aria-rowindex={index + 2} style={{ height: rowHeight }}>
        <Table.Td colSpan={columns}>
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
      aria-selected={selected}
      style={{ height: rowHeight }}
      className={selected ? 'ferry-row-selected ferry-clickable-row' : 'ferry-clickable-row'}
      onClick={() => onSelect(row.id)}
    >
      <Table.Td className="ferry-truncate" title={`${row.name}\n${row.path}`}>
        {/* The row is clickable for the mouse; the button is the same action for keyboard and screen readers. */}
        <UnstyledButton
          fz="sm"
          fw={500}
          aria-label={t.inspect.selectObject(row.name)}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(row.id);
          }}
        >
          {row.name}
        </UnstyledButton>
      </Table.Td>
      <Table.Td className="ferry-truncate">{row.type ?? row.kind}</Table.Td>
      <Table.Td className="ferry-truncate">{row.workflow ?? t.none}</Table.Td>
      <Table.Td className="ferry-number">
        {row.problemCount > 0 ? (
          <Badge size="sm" color="orange" variant="light">
            {row.problemCount}
          </Badge>
        ) : (
          ''
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Every object of the package in a virtualised table, filtered and searched on the backend, a page at a time. */
export function ObjectTable() {
  const summary = useFerry((s) => s.inspect.summary);
  const filters = useFerry((s) => s.inspect.filters);
  const objects = useFerry((s) => s.inspect.objects);
  const selectedId = useFerry((s) => s.inspect.selectedId);
  const setObjectFilters = useFerry((s) => s.setObjectFilters);
  const ensureObjectRange = useFerry((s) => s.ensureObjectRange);
  const selectObject = useFerry((s) => s.selectObject);
  const onFilters = useCallback((f: Partial<ObjectFilters>) => setObjectFilters(f), [setObjectFilters]);

  const total = objects.total ?? 0;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count: total,
    rowHeight,
    onRange: ensureObjectRange,
    resetKey: objects.generation,
  });

  return (
    <Stack gap="xs">
      <ObjectFilterBar
        summary={summary}
        filters={filters}
        keys={['workflowId', 'nodeType', 'engine', 'owner', 'problemCode']}
        onChange={onFilters}
        searchLabel={t.exportStep.searchLabel}
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" aria-live="polite">
          {objects.total !== null ? t.inspect.matching(formatCount(objects.total)) : ''}
        </Text>
      </Group>
      {objects.error && <ErrorAlert title={t.inspect.detailFailed} error={objects.error} />}
      {objects.total === 0 && (
        <Text size="sm" c="dimmed">
          {t.inspect.noMatch}
        </Text>
      )}
      <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(50vh, 500px)', minHeight: 220 }}>
        <Table
          layout="fixed"
          stickyHeader
          highlightOnHover
          verticalSpacing={4}
          aria-label={t.inspect.tableLabel}
          aria-rowcount={total + 1}
        >
          <colgroup>
            <col />
            <col style={{ width: 120 }} />
            <col style={{ width: 130 }} />
            <col style={{ width: 84 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th>{t.exportStep.columns.name}</Table.Th>
              <Table.Th>{t.exportStep.columns.type}</Table.Th>
              <Table.Th>{t.exportStep.columns.workflow}</Table.Th>
              <Table.Th className="ferry-number">{t.exportStep.columns.problems}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true" style={{ height: paddingTop }}>
                <td colSpan={columns} />
              </tr>
            )}
            {items.map((item) => {
              const row = pagedItemAt(objects, item.index, objectPageSize);
              return (
                <Row
                  key={item.key}
                  index={item.index}
                  row={row}
                  selected={row?.id === selectedId}
                  onSelect={selectObject}
                />
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" style={{ height: paddingBottom }}>
                <td colSpan={columns} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
