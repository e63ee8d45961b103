import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { InspectionSummary, ObjectFilters } from '../../shared/model/inspection';
import { t } from '../i18n';
import { formatCount } from '../lib/format';

export type FilterKey = 'workflowId' | 'nodeType' | 'engine' | 'owner' | 'problemCode' | 'kind';

const labels: Record<FilterKey, string> = {
  workflowId: t.exportStep.workflowFilter,
  nodeType: t.exportStep.nodeTypeFilter,
  engine: t.exportStep.engineFilter,
  owner: t.exportStep.ownerFilter,
  problemCode: t.exportStep.problemFilter,
  kind: t.exportStep.kindFilter,
};

function entries(counts: Record<string, number>) {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([value, n]) => ({ value, label: `${value} (${formatCount(n)})` }));
}

/** The choices of each filter, from the inspection's counts: only values that occur, with how often. */
function optionsOf(summary: InspectionSummary, key: FilterKey) {
  switch (key) {
    case 'workflowId':
      return summary.counts.byWorkflow.map((w) => ({
        value: w.id,
        label: `${w.name} (${formatCount(w.count)})`,
      }));
    case 'nodeType':
      return entries(summary.counts.byNodeType);
    case 'engine':
      return entries(summary.counts.byEngine);
    case 'owner':
      return entries(summary.counts.byOwner);
    case 'problemCode':
      return entries(summary.problemCounts.byCode);
    case 'kind':
      return entries(summary.counts.byKind);
  }
}

/**
 * Search and filters over an inspection's objects; the backend filters (over every object, not a loaded page).
 * Search is debounced; each select applies at once.
 */
export function ObjectFilterBar({
  summary,
  filters,
  keys,
  onChange,
  searchLabel,
}: {
  summary: InspectionSummary | null;
  filters: ObjectFilters;
  keys: FilterKey[];
  onChange: (filters: Partial<ObjectFilters>) => void;
  searchLabel: string;
}) {
  const [query, setQuery] = useState(filters.search ?? '');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  // Apply only when the typed text settles on something new, not when the filters change from elsewhere.
  const applied = useRef(debounced);
  useEffect(() => {
    if (applied.current === debounced) return;
    applied.current = debounced;
    onChange({ search: debounced });
  }, [debounced, onChange]);

  const active = keys.some((k) => filters[k]) || Boolean(filters.search);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <TextInput
        type="search"
        label={searchLabel}
        placeholder={t.exportStep.searchPlaceholder}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        w={200}
        size="xs"
        spellCheck={false}
        autoComplete="off"
      />
      {keys.map((key) => (
        <Select
          key={key}
          label={labels[key]}
          placeholder={t.exportStep.anyValue}
          data={summary ? optionsOf(summary, key) : []}
          value={filters[key] ?? null}
          onChange={(value) => onChange({ [key]: value ?? undefined })}
          clearable
          searchable
          size="xs"
          w={key === 'workflowId' ? 170 : 140}
          comboboxProps={{ withinPortal: true }}
          nothingFoundMessage={t.exportStep.noMatch}
        />
      ))}
      {active && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => {
            setQuery('');
            onChange(Object.fromEntries([...keys, 'search'].map((k) => [k, undefined])));
          }}
        >
          {t.inspect.clearFilters}
        </Button>
      )}
    </Group>
  );
}
