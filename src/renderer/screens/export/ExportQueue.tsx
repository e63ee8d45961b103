import {
  ActionIcon,
  Alert,
  Badge,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMemo } from 'react';
import type { ChangeType, ExportItem, ExportPreview } from '../../../shared/model/export';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CloseIcon, EyeIcon } from '../../components/icons';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { formatCount, formatDateTime } from '../../lib/format';
import { useFerry } from '../../store/store-context';

const rowHeight = 46;

/** Queue order: what was picked or changed first, then what came with it, each by name. */
const reasonOrder: ExportItem['reason'][] = [
  'selected',
  'changed',
  'upstream',
  'downstream',
  'uses',
  'container',
  'same-file',
];

export function queueOrder(items: ExportItem[]): ExportItem[] {
  const rank = (i: ExportItem) =>
    i.change === 'deleted' ? reasonOrder.length : reasonOrder.indexOf(i.reason);
  return [...items].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}
const changeColors: Record<ChangeType, string> = {
  new: 'teal',
  changed: 'blue',
  deleted: 'red',
  unchanged: 'gray',
};

function basisText(preview: ExportPreview): string {
  const { basis } = preview;
  if (basis.kind === 'baseline') return t.exportStep.basis.baseline(formatDateTime(basis.createdAt));
  if (basis.kind === 'mtime') return t.exportStep.basis.mtime(formatDateTime(basis.since));
  return t.exportStep.basis.none;
}

function QueueRow({
  index,
  item,
  removable,
  onRemove,
  onDetails,
}: {
  index: number;
  item: ExportItem;
  removable: boolean;
  onRemove: (id: string) => void;
  onDetails: (id: string) => void;
}) {
  return (
    <Table.Tr aria-rowindex={index + 2} style={{ height: rowHeight }}>
      <Table.Td title={`${item.name}\n${item.entry}`}>
        <Text size="sm" className="ferry-truncate">
          {item.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" className="ferry-truncate" title={item.id}>
          {item.id}
        </Text>
      </Table.Td>
      <Table.Td className="ferry-truncate">{item.nodeType ?? item.kind}</Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={changeColors[item.change]}>
          {t.exportStep.change[item.change]}
        </Badge>
      </Table.Td>
      <Table.Td className="ferry-truncate">{t.exportStep.reason[item.reason]}</Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap">
          {item.change !== 'deleted' && (
            <Tooltip label={t.exportStep.viewDetails(item.name)} withinPortal>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t.exportStep.viewDetails(item.name)}
                onClick={() => onDetails(item.id)}
              >
                <EyeIcon />
              </ActionIcon>
            </Tooltip>
          )}
          {removable && (
            <Tooltip label={t.exportStep.remove(item.name)} withinPortal>
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label={t.exportStep.remove(item.name)}
                onClick={() => onRemove(item.id)}
              >
                <CloseIcon />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * "Objects to package", like Deploy Center's nodes to deploy: what the export would write (picked objects and
 * the dependencies they pull in), each with its change since the last export and why it is there. Rows picked by
 * hand can be removed; dependencies go with their dependants.
 */
export function ExportQueue() {
  const flow = useFerry((s) => s.exportFlow);
  const removeSelected = useFerry((s) => s.removeSelected);
  const showDetails = useFerry((s) => s.showDetails);
  const { preview } = flow;
  const data = preview.data;
  const items = useMemo(() => queueOrder(data?.items ?? []), [data]);
  const picked = new Set(flow.selected);
  const {
    scrollRef,
    items: rows,
    paddingTop,
    paddingBottom,
  } = useVirtualRows({
    count: items.length,
    rowHeight,
  });
  const counts = preview.data?.counts;
  const packaged = counts?.objects ?? 0;

  let empty: string | null = null;
  if (preview.status === 'idle') {
    empty = flow.type === 'custom' ? t.exportStep.queueEmptyCustom : t.exportStep.queueEmptyDate;
  } else if (preview.status === 'ready' && items.length === 0) {
    empty = t.exportStep.nothingToWrite;
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="export-queue">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={3} size="h4" id="export-queue">
              {t.exportStep.queueTitle}
            </Title>
            <Badge variant="filled" aria-label={t.exportStep.queueCount(formatCount(packaged))}>
              {formatCount(packaged)}
            </Badge>
            {preview.status === 'loading' && <Loader size="xs" aria-label={t.exportStep.queueLoading} />}
          </Group>
          {counts && (
            <Group gap={6}>
              {(['new', 'changed', 'unchanged', 'deleted'] as const)
                .filter((c) => counts[c] > 0)
                .map((c) => (
                  <Badge key={c} size="sm" variant="light" color={changeColors[c]}>
                    {t.exportStep.change[c]} {formatCount(counts[c])}
                  </Badge>
                ))}
            </Group>
          )}
        </Group>
        {preview.data && (
          <Text size="xs" c="dimmed">
            {basisText(preview.data)}
          </Text>
        )}
        {preview.error && <ErrorAlert title={t.exportStep.previewFailed} error={preview.error} />}
        {preview.data && preview.data.notes.length > 0 && (
          <Alert variant="light" color="yellow" p="xs">
            <Stack gap={2}>
              {preview.data.notes.map((note) => (
                <Text key={note} size="xs">
                  {note}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {empty ? (
          <Text size="sm" c="dimmed" py="md">
            {empty}
          </Text>
        ) : (
          <div
            ref={scrollRef}
            className="ferry-scroll"
            style={{ height: 'min(46vh, 460px)', minHeight: 220 }}
          >
            <Table
              layout="fixed"
              stickyHeader
              striped
              verticalSpacing={4}
              aria-label={t.exportStep.queueLabel}
              aria-rowcount={items.length + 1}
            >
              <colgroup>
                <col />
                <col style={{ width: 116 }} />
                <col style={{ width: 96 }} />
                <col style={{ width: 124 }} />
                <col style={{ width: 68 }} />
              </colgroup>
              <Table.Thead>
                <Table.Tr aria-rowindex={1}>
                  <Table.Th>{t.exportStep.columns.nameAndId}</Table.Th>
                  <Table.Th>{t.exportStep.columns.type}</Table.Th>
                  <Table.Th>{t.exportStep.columns.change}</Table.Th>
                  <Table.Th>{t.exportStep.columns.reason}</Table.Th>
                  <Table.Th>
                    <span className="ferry-visually-hidden">{t.exportStep.columns.actions}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {paddingTop > 0 && (
                  <tr aria-hidden="true" style={{ height: paddingTop }}>
                    <td colSpan={5} />
                  </tr>
                )}
                {rows.map((row) => {
                  const item = items[row.index];
                  return (
                    <QueueRow
                      key={row.key}
                      index={row.index}
                      item={item}
                      removable={flow.type === 'custom' && picked.has(item.id)}
                      onRemove={removeSelected}
                      onDetails={showDetails}
                    />
                  );
                })}
                {paddingBottom > 0 && (
                  <tr aria-hidden="true" style={{ height: paddingBottom }}>
                    <td colSpan={5} />
                  </tr>
                )}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {counts && counts.deleted > 0 && (
          <Text size="xs" c="dimmed">
            {t.exportStep.deletedNote}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
