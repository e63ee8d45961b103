import { Badge, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ChevronIcon } from '../../components/icons';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { objectBatchSize } from '../../store/inspection-view';
import { useFerry } from '../../store/store-context';
import { treeRows, type TreeRow } from './tree-rows';

const rowHeight = 30;

function label(row: TreeRow): string {
  if (row.type === 'object') return row.row.name;
  if (row.type === 'status') return row.status;
  return row.label;
}

/**
 * The package by workflow and folder, as an ARIA tree: only visible lines are rendered (virtualised), a group's
 * objects are fetched when it is first opened. One line is in the tab order (roving tabindex); arrows move,
 * Right/Left open and close (or go to the first child / the parent), Enter or Space selects an object.
 */
export function ObjectTree() {
  const summary = useFerry((s) => s.inspect.summary);
  const groups = useFerry((s) => s.inspect.groups);
  const toggled = useFerry((s) => s.inspect.toggled);
  const selectedId = useFerry((s) => s.inspect.selectedId);
  const toggleTreeNode = useFerry((s) => s.toggleTreeNode);
  const selectObject = useFerry((s) => s.selectObject);
  const rows = useMemo(
    () => (summary ? treeRows(summary, groups, toggled, t.inspect.outsideWorkflows) : []),
    [summary, groups, toggled],
  );
  const [focus, setFocus] = useState(0);
  const focusIndex = Math.min(focus, Math.max(0, rows.length - 1));
  const wantFocus = useRef(false);
  const { scrollRef, items, paddingTop, paddingBottom, virtualizer } = useVirtualRows({
    count: rows.length,
    rowHeight,
  });

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    virtualizer.scrollToIndex(focusIndex);
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`)?.focus();
    });
  }, [focusIndex, virtualizer, scrollRef]);

  const moveTo = (index: number) => {
    wantFocus.current = true;
    setFocus(Math.max(0, Math.min(rows.length - 1, index)));
  };

  const activate = (row: TreeRow) => {
    if (row.type === 'object') selectObject(row.row.id);
    else if (row.type === 'group' || row.type === 'folder') toggleTreeNode(row.key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[focusIndex];
    if (!row) return;
    const parentIndex = () => ('parent' in row ? rows.findIndex((r) => r.key === row.parent) : -1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(focusIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(focusIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if ((row.type === 'group' || row.type === 'folder') && !row.open) toggleTreeNode(row.key);
        else if (row.type === 'group' || row.type === 'folder') moveTo(focusIndex + 1);
        break;
      case 'ArrowLeft':
        if ((row.type === 'group' || row.type === 'folder') && row.open) toggleTreeNode(row.key);
        else if (parentIndex() >= 0) moveTo(parentIndex());
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      className="ferry-scroll"
      style={{ height: 'min(58vh, 560px)', minHeight: 240, padding: 4 }}
    >
      <div role="tree" aria-label={t.inspect.treeLabel} onKeyDown={onKeyDown}>
        {paddingTop > 0 && <div aria-hidden="true" style={{ height: paddingTop }} />}
        {items.map((item) => {
          const row = rows[item.index];
          const isObject = row.type === 'object';
          const expandable = row.type === 'group' || row.type === 'folder';
          if (row.type === 'status') {
            const text =
              row.status === 'loading'
                ? t.inspect.groupLoading
                : row.status === 'failed'
                  ? t.inspect.detailFailed
                  : t.inspect.groupTruncated(formatCount(objectBatchSize));
            return (
              <div
                key={row.key}
                role="treeitem"
                aria-level={row.level}
                aria-selected={false}
                data-index={item.index}
                tabIndex={item.index === focusIndex ? 0 : -1}
                className="ferry-tree-row"
                style={{ paddingLeft: 8 + (row.level - 1) * 18 }}
              >
                <Text size="xs" c="dimmed">
                  {text}
                </Text>
              </div>
            );
          }
          return (
            <div
              key={row.key}
              role="treeitem"
              aria-level={row.level}
              aria-expanded={expandable ? row.open : undefined}
              aria-selected={isObject ? row.row.id === selectedId : false}
              aria-label={label(row)}
              data-index={item.index}
              tabIndex={item.index === focusIndex ? 0 : -1}
              className="ferry-tree-row"
              style={{ paddingLeft: 8 + (row.level - 1) * 18 }}
              onClick={() => {
                setFocus(item.index);
                activate(row);
              }}
            >
              {expandable ? <ChevronIcon open={row.open} /> : <span style={{ width: 14 }} />}
              <Text size="sm" fw={row.type === 'group' ? 600 : undefined} className="ferry-truncate">
                {label(row)}
              </Text>
              {isObject && (
                <Text size="xs" c="dimmed" className="ferry-truncate">
                  {row.row.type ?? row.row.kind}
                </Text>
              )}
              {isObject && row.row.problemCount > 0 && (
                <Badge size="xs" color="orange" variant="light">
                  {row.row.problemCount}
                </Badge>
              )}
              {expandable && (
                <Text size="xs" c="dimmed" ml="auto">
                  {formatCount(row.count)}
                </Text>
              )}
            </div>
          );
        })}
        {paddingBottom > 0 && <div aria-hidden="true" style={{ height: paddingBottom }} />}
      </div>
    </div>
  );
}
