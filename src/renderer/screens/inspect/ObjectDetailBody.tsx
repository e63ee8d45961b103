import { Badge, Group, List, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ObjectDetails, ObjectLink } from '../../../shared/model/inspection';
import { CodeView } from '../../components/CodeView';
import { t } from '../../i18n';
import { languageOf } from '../../lib/highlight';
import { SeverityBadge } from './SeverityBadge';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" className="ferry-truncate" title={typeof children === 'string' ? children : undefined}>
        {children ?? t.none}
      </Text>
    </div>
  );
}

function Links({
  label,
  links,
  onOpen,
}: {
  label: string;
  links: ObjectLink[];
  onOpen?: (id: string) => void;
}) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {links.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.inspect.noneListed}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {links.map((l) => (
            <List.Item key={l.id}>
              {onOpen ? (
                <Text
                  component="button"
                  type="button"
                  size="sm"
                  className="ferry-link-button"
                  onClick={() => onOpen(l.id)}
                  aria-label={t.inspect.selectObject(l.name)}
                >
                  {l.name}
                </Text>
              ) : (
                l.name
              )}{' '}
              <Text span size="xs" c="dimmed">
                {l.type ?? l.kind}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

function Strings({ label, values }: { label: string; values: string[] }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {values.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.inspect.noneListed}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {values.map((v) => (
            <List.Item key={v}>
              <Text span ff="monospace" size="xs">
                {v}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

/**
 * Everything about one object, read-only: facts, then tabs for code, schedule, parameters, inputs/outputs,
 * (optionally) the dependency graph, and its problems. Used by the Inspect step and the Export queue's details.
 */
export function ObjectDetailBody({
  details,
  graph,
  onOpen,
}: {
  details: ObjectDetails;
  /** The dependency graph tab's content; the tab is left out without it. */
  graph?: ReactNode;
  /** Navigates to a neighbour; without it neighbours are plain text. */
  onOpen?: (id: string) => void;
}) {
  const { row } = details;
  const schedule = details.schedule
    ? Object.entries(details.schedule).filter(([, v]) => v !== null && v !== '')
    : [];
  return (
    <Stack gap="sm">
      <div>
        <Group gap="xs" wrap="nowrap">
          <Title order={3} size="h4" className="ferry-truncate" title={row.name}>
            {row.name}
          </Title>
          <Badge variant="light">{row.type ?? row.kind}</Badge>
          {row.problemCount > 0 && (
            <Badge color="orange" variant="light">
              {row.problemCount}
            </Badge>
          )}
        </Group>
      </div>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing="xs">
        <Fact label={t.inspect.fields.id}>{row.id}</Fact>
        <Fact label={t.inspect.fields.kind}>{row.kind}</Fact>
        <Fact label={t.inspect.fields.workflow}>{row.workflow}</Fact>
        <Fact label={t.inspect.fields.owner}>{row.owner}</Fact>
        <Fact label={t.inspect.fields.engine}>{row.engine}</Fact>
        <Fact label={t.inspect.fields.resourceGroup}>{details.resourceGroup}</Fact>
        <Fact label={t.inspect.fields.datasource}>{details.datasource?.name ?? null}</Fact>
        <Fact label={t.inspect.fields.folder}>{row.path}</Fact>
      </SimpleGrid>
      <Tabs defaultValue="code" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="code">{t.inspect.detailTabs.code}</Tabs.Tab>
          <Tabs.Tab value="schedule">{t.inspect.detailTabs.schedule}</Tabs.Tab>
          <Tabs.Tab value="parameters">{t.inspect.detailTabs.parameters}</Tabs.Tab>
          <Tabs.Tab value="io">{t.inspect.detailTabs.io}</Tabs.Tab>
          {graph && <Tabs.Tab value="graph">{t.inspect.detailTabs.graph}</Tabs.Tab>}
          <Tabs.Tab value="problems">
            {t.inspect.detailTabs.problems} ({details.problems.length})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="code" pt="sm">
          {details.code !== null ? (
            <Stack gap={4}>
              {details.redacted && (
                <Text size="xs" c="orange">
                  {t.inspect.redacted}
                </Text>
              )}
              <CodeView
                code={details.code}
                language={languageOf(details.codeLanguage ?? row.type)}
                label={t.inspect.codeLabel(row.name)}
              />
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {details.codeOmitted ? t.inspect.codeOmitted(details.codeOmitted) : t.inspect.noCode}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="schedule" pt="sm">
          {schedule.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.inspect.noSchedule}
            </Text>
          ) : (
            <Table aria-label={t.inspect.detailTabs.schedule} verticalSpacing={2} withRowBorders={false}>
              <Table.Tbody>
                {schedule.map(([key, value]) => (
                  <Table.Tr key={key}>
                    <Table.Th w={160} fw={500}>
                      {key}
                    </Table.Th>
                    <Table.Td ff="monospace">{String(value)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="parameters" pt="sm">
          {details.parameters.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.inspect.noParameters}
            </Text>
          ) : (
            <Table aria-label={t.inspect.detailTabs.parameters} verticalSpacing={2}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.inspect.parameterName}</Table.Th>
                  <Table.Th>{t.inspect.parameterValue}</Table.Th>
                  <Table.Th>{t.inspect.parameterScope}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {details.parameters.map((p) => (
                  <Table.Tr key={`${p.scope}:${p.name}`}>
                    <Table.Td ff="monospace">{p.name}</Table.Td>
                    <Table.Td ff="monospace">{p.value ?? t.none}</Table.Td>
                    <Table.Td>{[p.type, p.scope].filter(Boolean).join(' · ') || t.none}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="io" pt="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Strings label={t.inspect.inputs} values={details.inputs} />
            <Strings label={t.inspect.outputs} values={details.outputs} />
            <Links label={t.inspect.upstream} links={details.upstream} onOpen={onOpen} />
            <Links label={t.inspect.downstream} links={details.downstream} onOpen={onOpen} />
          </SimpleGrid>
        </Tabs.Panel>
        {graph && (
          <Tabs.Panel value="graph" pt="sm">
            {graph}
          </Tabs.Panel>
        )}
        <Tabs.Panel value="problems" pt="sm">
          {details.problems.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.inspect.objectProblemsEmpty}
            </Text>
          ) : (
            <Stack gap={6}>
              {details.problems.map((p, i) => (
                <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
                  <SeverityBadge severity={p.severity} />
                  <Text size="sm">{p.message}</Text>
                </Group>
              ))}
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
