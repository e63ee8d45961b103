import { Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { ArchiveEntry } from '../../../shared/model/package-listing';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { entryAt } from '../../store/entries-slice';
import { useFerry } from '../../store/store-context';

const rowHeight = 34;
/** happy-dom and the first paint have no layout yet; assume a viewport so some rows render at once. */
const initialRect = { width: 900, height: 480 };

function EntryRow({ index, entry }: { index: number; entry: ArchiveEntry | undefined }) {
  if (!entry) {
    return (
      <Table.Tr aria-rowindex={index + 2} style={{ height: rowHeight }}>
        <Table.Td colSpan={4}>
          <Text size="sm" c="dimmed">
            {t.entries.loadingRow}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }
  const size = entry.isDirectory ? t.none : formatBytes(entry.size);
  const compressed = entry.isDirectory ? t.none : formatBytes(entry.compressedSize);
  return (
    <Table.Tr aria-rowindex={index + 2} style={{ height: rowHeight }}>
      <Table.Td className="ferry-truncate" title={entry.name}>
        {entry.name}
      </Table.Td>
      <Table.Td className="ferry-number">{size}</Table.Td>
      <Table.Td className="ferry-number">{compressed}</Table.Td>
      <Table.Td className="ferry-truncate">{formatDateTime(entry.modifiedAt)}</Table.Td>
    </Table.Tr>
  );
}

/**
 * Every entry of the opened package in a virtualised table: only the rows in view (plus a margin) are in the
 * DOM, and rows are fetched from the backend a page at a time as they scroll into view, so 40,000 entries
 * scroll like 40. It stays a real <table> (spacer rows above and below) so columns line up and screen readers
 * get row and column semantics; aria-rowcount tells them how many rows there are in all.
 */
export function EntriesTable() {
  const entries = useFerry((s) => s.entries);
  const ensureEntryRange = useFerry((s) => s.ensureEntryRange);
  const setEntrySearch = useFerry((s) => s.setEntrySearch);
  const [query, setQuery] = useState(entries.search);
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => setEntrySearch(debouncedQuery), [debouncedQuery, setEntrySearch]);

  const count = entries.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; this component is not memoised by a compiler
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 20,
    initialRect,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (last >= 0) ensureEntryRange(first, last);
  }, [ensureEntryRange, first, last, entries.generation, entries.total]);

  // A new search is a new list: start again at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [entries.generation]);

  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const searching = entries.search !== '';

  return (
    <section aria-label={t.entries.tableLabel}>
      <Group justify="space-between" align="flex-end" mb="xs">
        <TextInput
          type="search"
          label={t.entries.searchLabel}
          placeholder={t.entries.searchPlaceholder}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={360}
          maw="100%"
          spellCheck={false}
          autoComplete="off"
        />
        {searching && entries.total !== null && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t.entries.matching(formatCount(entries.total))}
          </Text>
        )}
      </Group>
      {entries.error && <ErrorAlert title={t.entries.loadFailed} error={entries.error} />}
      {entries.total === 0 && (
        <Text size="sm" c="dimmed" py="md">
          {searching ? t.entries.noMatch(entries.search) : t.entries.empty}
        </Text>
      )}
      <div ref={scrollRef} className="ferry-scroll" style={{ height: 'min(60vh, 640px)', minHeight: 240 }}>
        <Table
          layout="fixed"
          stickyHeader
          striped
          highlightOnHover
          verticalSpacing={4}
          aria-label={t.entries.tableLabel}
          aria-rowcount={count + 1}
        >
          <colgroup>
            <col />
            <col style={{ width: 110 }} />
            <col style={{ width: 120 }} />
            <col style={{ width: 190 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th>{t.entries.name}</Table.Th>
              <Table.Th className="ferry-number">{t.entries.size}</Table.Th>
              <Table.Th className="ferry-number">{t.entries.compressed}</Table.Th>
              <Table.Th>{t.entries.modified}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true" style={{ height: paddingTop }}>
                <td colSpan={4} />
              </tr>
            )}
            {items.map((item) => (
              <EntryRow key={item.key} index={item.index} entry={entryAt(entries, item.index)} />
            ))}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" style={{ height: paddingBottom }}>
                <td colSpan={4} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
    </section>
  );
}
