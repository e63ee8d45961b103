import { Badge, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { nodePageSize } from '../../store/plan-slice';
import { pagedItemAt } from '../../store/paged-list';
import { useFerry } from '../../store/store-context';

const rowHeight = 36;

/** The package's nodes, searchable and virtualised, each with a checkbox that marks it one by one. */
export function NodeList({ marked }: { marked: string[] }) {
  const search = useFerry((s) => s.dryRunNodes.search);
  const list = useFerry((s) => s.dryRunNodes.list);
  const picked = useFerry((s) => s.mapping.profile?.dryRun.nodes);
  const setSearch = useFerry((s) => s.setNodeSearch);
  const ensure = useFerry((s) => s.ensureNodeRange);
  const toggle = useFerry((s) => s.toggleDryRunNode);
  const markVisible = useFerry((s) => s.markVisibleNodes);
  const markedSet = useMemo(() => new Set(marked), [marked]);
  const pickedSet = useMemo(() => new Set(picked ?? []), [picked]);
  const count = list.total ?? 0;
  const { scrollRef, items, paddingTop, paddingBottom } = useVirtualRows({
    count: Math.max(count, 1),
    rowHeight,
    onRange: ensure,
    resetKey: list.generation,
  });
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <TextInput
          style={{ flex: 1 }}
          label={t.dryrun.searchNodes}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Button variant="default" size="sm" onClick={() => markVisible(true)} disabled={count === 0}>
          {t.dryrun.markVisible}
        </Button>
        <Button variant="default" size="sm" onClick={() => markVisible(false)} disabled={count === 0}>
          {t.dryrun.unmarkVisible}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {list.total === null ? t.dryrun.loadingNodes : t.dryrun.nodeCount(formatCount(count))}
      </Text>
      <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(46vh, 360px)', minHeight: 200 }}>
        <ul
          className="ferry-plain-list"
          aria-label={t.dryrun.nodesTitle}
          style={{ paddingTop, paddingBottom }}
        >
          {count > 0 &&
            items.map((item) => {
              const row = pagedItemAt(list, item.index, nodePageSize);
              if (!row)
                return (
                  <li key={item.key} style={{ height: rowHeight }}>
                    <Text size="sm" c="dimmed">
                      {t.dryrun.loadingNodes}
                    </Text>
                  </li>
                );
              const byRule = markedSet.has(row.id) && !pickedSet.has(row.id);
              return (
                <li key={item.key} style={{ height: rowHeight, paddingInline: 8 }}>
                  <Group gap="sm" wrap="nowrap" h={rowHeight}>
                    <Checkbox
                      aria-label={t.dryrun.markNode(row.name)}
                      checked={pickedSet.has(row.id)}
                      onChange={(e) => toggle(row.id, e.currentTarget.checked)}
                    />
                    <Text size="sm" className="ferry-truncate" style={{ flex: 1 }}>
                      {row.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {row.type}
                    </Text>
                    {byRule && (
                      <Badge size="xs" variant="light">
                        {t.dryrun.byRule}
                      </Badge>
                    )}
                  </Group>
                </li>
              );
            })}
        </ul>
      </div>
    </Stack>
  );
}
