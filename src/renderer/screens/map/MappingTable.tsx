import {
  Autocomplete,
  Badge,
  Button,
  Group,
  NativeSelect,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { computeEngines, resourceGroupTypes } from '../../../shared/model/workspace';
import type { MappingSection } from '../../../shared/model/mapping-profile';
import { t } from '../../i18n';
import { isUnmapped, type MappingRow } from '../../store/mapping-rows';
import type { ProfileFinding } from '../../store/profile-slice';
import { useFerry } from '../../store/store-context';

const typeChoices: Partial<Record<MappingSection, readonly string[]>> = {
  computeResources: computeEngines,
  resourceGroups: resourceGroupTypes,
};

/** The suggestion marker: pre-filled but visibly not yet a decision, with the score and reason on hover and focus. */
export function SuggestionCell({
  row,
  onAccept,
}: {
  row: Pick<MappingRow, 'source' | 'target' | 'suggestion'>;
  onAccept: () => void;
}) {
  const s = row.suggestion;
  if (!s) return null;
  if (!s.target) {
    const label = t.map.needsDecisionLabel(s.reason);
    return (
      <Tooltip label={label} multiline w={320}>
        <Badge color="orange" variant="light" tabIndex={0} aria-label={label}>
          {t.map.needsDecision}
        </Badge>
      </Tooltip>
    );
  }
  if (row.target !== s.target) return null;
  const label = t.map.suggestedLabel(s.score.toFixed(2), s.reason);
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={label} multiline w={320}>
        <Badge color="violet" variant="outline" tabIndex={0} aria-label={label}>
          {t.map.suggested}
        </Badge>
      </Tooltip>
      <Button size="compact-xs" variant="subtle" onClick={onAccept} aria-label={t.map.acceptFor(row.source)}>
        {t.map.accept}
      </Button>
    </Group>
  );
}

/** One mapping section as a table: source, type, the destination choice, Ignore, and the suggestion. */
export function MappingTable({
  section,
  title,
  rows,
  findings,
}: {
  section: MappingSection;
  title: string;
  rows: MappingRow[];
  findings: ProfileFinding[];
}) {
  const profile = useFerry((s) => s.mapping.profile);
  const noIgnore = useFerry((s) => s.mapping.noIgnoreGroups);
  const setTarget = useFerry((s) => s.setTarget);
  const setIgnore = useFerry((s) => s.setIgnore);
  const accept = useFerry((s) => s.acceptSuggestion);
  if (!profile) return null;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t.map.sectionEmpty}
      </Text>
    );
  const entries = profile[section] as { source: string }[];
  const findingOf = (source: string) => {
    const index = entries.findIndex((e) => e.source === source);
    if (index < 0) return null;
    return findings.find((f) => f.path.startsWith(`${section}[${index}]`)) ?? null;
  };
  const choices = typeChoices[section];
  return (
    <Table aria-label={title} striped={false} highlightOnHover verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t.map.columns.source}</Table.Th>
          <Table.Th>{t.map.columns.type}</Table.Th>
          <Table.Th>{t.map.columns.destination}</Table.Th>
          <Table.Th>{t.map.columns.ignore}</Table.Th>
          <Table.Th>{t.map.columns.suggestion}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const finding = findingOf(row.source);
          const canIgnore = !row.own && !(section === 'resourceGroups' && noIgnore.includes(row.source));
          const needsType = Boolean(choices) && row.type === null;
          return (
            <Table.Tr key={row.source} data-unmapped={isUnmapped(row) || undefined}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {row.source}
                </Text>
                {row.own && (
                  <Text size="xs" c="dimmed">
                    {t.map.ownProject}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {needsType ? (
                  <NativeSelect
                    size="xs"
                    aria-label={t.map.typeOf(row.source)}
                    data={choices}
                    defaultValue={choices?.[0]}
                    id={`type-${section}-${row.source}`}
                  />
                ) : (
                  <Text size="sm">{row.type ?? t.none}</Text>
                )}
              </Table.Td>
              <Table.Td miw={320}>
                <Autocomplete
                  size="xs"
                  aria-label={t.map.destinationFor(row.source)}
                  placeholder={row.ignore ? t.map.ignoredPlaceholder : t.map.destinationPlaceholder}
                  data={row.candidates}
                  value={row.target ?? ''}
                  disabled={row.ignore}
                  error={finding?.severity === 'error' ? finding.message : undefined}
                  description={finding?.severity === 'warning' ? finding.message : undefined}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  onChange={(value) => {
                    const typeSelect = needsType
                      ? (document.getElementById(`type-${section}-${row.source}`) as HTMLSelectElement | null)
                      : null;
                    setTarget(section, row.source, value, typeSelect?.value ?? row.type);
                  }}
                />
              </Table.Td>
              <Table.Td>
                {canIgnore ? (
                  <Switch
                    aria-label={t.map.ignoreFor(row.source)}
                    checked={row.ignore}
                    onChange={(e) => setIgnore(section, row.source, e.currentTarget.checked)}
                  />
                ) : (
                  <Text size="xs" c="dimmed" title={row.own ? t.map.ownProject : t.map.ignoreNotOffered}>
                    {t.map.ignoreUnavailable}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <SuggestionCell row={row} onAccept={() => accept(section, row.source)} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
