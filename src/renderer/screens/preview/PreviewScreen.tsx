import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect } from 'react';
import type { PlanFinding } from '../../../shared/model/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PackageReadError } from '../../components/PassphrasePrompt';
import { JobProgress } from '../../components/JobProgress';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { useFerry } from '../../store/store-context';
import { GatePanel } from './GatePanel';
import { PlanObjectsTable } from './PlanObjectsTable';

const counted = ['create', 'update', 'unchanged', 'conflict', 'excluded', 'dryRun', 'codeChanged'] as const;

function Summary() {
  const summary = useFerry((s) => s.plan.head?.summary);
  if (!summary) return null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} role="region" aria-label={t.preview.summaryTitle}>
      <Paper withBorder p="sm" radius="md">
        <Text size="xs" c="dimmed">
          {t.preview.total}
        </Text>
        <Text fw={700} size="xl" className="ferry-number">
          {formatCount(summary.total)}
        </Text>
      </Paper>
      {counted.map((key) => (
        <Paper
          key={key}
          withBorder
          p="sm"
          radius="md"
          aria-label={`${t.preview.counts[key]} ${summary[key]}`}
        >
          <Text size="xs" c="dimmed">
            {t.preview.counts[key]}
          </Text>
          <Text fw={700} size="xl" className="ferry-number">
            {formatCount(summary[key])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Findings() {
  const findings = useFerry((s) => s.plan.head?.findings) ?? [];
  if (findings.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t.preview.noFindings}
      </Text>
    );
  const byRule = new Map<string, PlanFinding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return (
    <Stack gap="sm">
      {[...byRule].map(([rule, list]) => (
        <section key={rule} aria-label={t.preview.ruleFindings(rule)}>
          <Group gap="xs" mb={4}>
            <Text fw={600} size="sm" ff="monospace">
              {rule}
            </Text>
            <Badge size="sm" variant="light">
              {list.length}
            </Badge>
          </Group>
          <ul className="ferry-plain-list">
            {list.map((f, i) => (
              <li key={i}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge
                    size="xs"
                    color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'gray'}
                  >
                    {t.preview.severity[f.severity]}
                  </Badge>
                  <Text size="sm">{f.message}</Text>
                </Group>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Stack>
  );
}

function Waves() {
  const waves = useFerry((s) => s.plan.head?.waves) ?? [];
  const setFilters = useFerry((s) => s.setPlanFilters);
  return (
    <Table aria-label={t.preview.wavesTable} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t.preview.columns.wave}</Table.Th>
          <Table.Th>{t.preview.waveKind}</Table.Th>
          <Table.Th>{t.preview.waveLevel}</Table.Th>
          <Table.Th>{t.preview.waveCount}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {waves.map((w) => (
          <Table.Tr key={w.index}>
            <Table.Td>
              <Button size="compact-xs" variant="subtle" onClick={() => setFilters({ wave: w.index })}>
                {w.index + 1}
              </Button>
            </Table.Td>
            <Table.Td>{t.preview.waveKinds[w.kind]}</Table.Td>
            <Table.Td>{w.kind === 'node' ? w.level : t.none}</Table.Td>
            <Table.Td className="ferry-number">{formatCount(w.count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SavePlan() {
  const plan = useFerry((s) => s.plan);
  const setPath = useFerry((s) => s.setSavePath);
  const save = useFerry((s) => s.savePlan);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.preview.saveTitle}>
      <Group align="flex-end" gap="sm">
        <TextInput
          style={{ flex: 1 }}
          label={t.preview.planPath}
          description={t.preview.planPathHint}
          value={plan.savePath}
          onChange={(e) => setPath(e.currentTarget.value)}
        />
        <Button variant="default" onClick={() => void save()} disabled={!plan.savePath.trim()}>
          {t.preview.savePlan}
        </Button>
      </Group>
      {plan.savedPath && (
        <Text size="sm" c="teal" role="status" mt="xs">
          {t.preview.saved(plan.savedPath)}
        </Text>
      )}
      {plan.saveError && <ErrorAlert title={t.preview.saveFailed} error={plan.saveError} />}
    </Paper>
  );
}

/** The Preview step: the plan of what the import will do, and the gate that holds it back. */
export function PreviewScreen() {
  const plan = useFerry((s) => s.plan);
  const revision = useFerry((s) => s.mapping.revision);
  const hasProfile = useFerry((s) => s.mapping.profile !== null);
  const packagePath = useFerry((s) => s.mapping.packagePath);
  const createPlan = useFerry((s) => s.createPlan);
  const cancel = useFerry((s) => s.cancelPlan);
  const stale = plan.revision !== null && plan.revision !== revision;

  // Entering Preview plans what is mapped now; a plan of an older mapping is made again.
  useEffect(() => {
    if (
      hasProfile &&
      (plan.status === 'idle' || (stale && plan.status !== 'starting' && plan.status !== 'running'))
    )
      void createPlan();
  }, [hasProfile, plan.status, stale, createPlan]);

  const running = plan.status === 'starting' || plan.status === 'running';
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t.preview.title}</Title>
          <Text c="dimmed" size="sm">
            {t.preview.intro}
          </Text>
        </div>
        {hasProfile && (
          <Button variant="default" onClick={() => void createPlan()} disabled={running}>
            {t.preview.planAgain}
          </Button>
        )}
      </Group>
      {running && (
        <JobProgress
          jobId={plan.jobId}
          label={t.preview.progress}
          onCancel={() => void cancel()}
          cancelLabel={t.preview.cancel}
          cancellingLabel={t.preview.cancelling}
        />
      )}
      {plan.status === 'cancelled' && <Alert color="gray">{t.preview.cancelled}</Alert>}
      {plan.error && (
        <PackageReadError
          title={t.preview.failed}
          error={plan.error}
          path={packagePath}
          submitLabel={t.preview.unlock}
          onUnlocked={() => void createPlan()}
        />
      )}
      {plan.head && plan.status === 'ready' && (
        <>
          <Text size="sm" c="dimmed">
            {t.preview.planOf(
              plan.head.source.path,
              plan.head.destination.projectIdentifier,
              plan.head.profileName,
            )}
          </Text>
          <Summary />
          <GatePanel />
          <Tabs defaultValue="objects" keepMounted={false}>
            <Tabs.List aria-label={t.preview.tabsLabel}>
              <Tabs.Tab value="objects">{t.preview.objectsTab}</Tabs.Tab>
              <Tabs.Tab value="findings">{t.preview.findingsTab(plan.head.findings.length)}</Tabs.Tab>
              <Tabs.Tab value="waves">{t.preview.wavesTab(plan.head.waves.length)}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="objects" pt="sm">
              <PlanObjectsTable />
            </Tabs.Panel>
            <Tabs.Panel value="findings" pt="sm">
              <Findings />
            </Tabs.Panel>
            <Tabs.Panel value="waves" pt="sm">
              <Waves />
            </Tabs.Panel>
          </Tabs>
          <SavePlan />
        </>
      )}
    </Stack>
  );
}
