import { Alert, Button, Grid, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { JobProgress } from '../../components/JobProgress';
import { PackageReadError } from '../../components/PassphrasePrompt';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import type { AppInfo } from '../../store/app-slice';
import { useFerry } from '../../store/store-context';
import { ObjectDetailPane } from './ObjectDetailPane';
import { ObjectTable } from './ObjectTable';
import { ObjectTree } from './ObjectTree';

import { ProblemsPanel } from './ProblemsPanel';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Summary() {
  const summary = useFerry((s) => s.inspect.summary);
  if (!summary) return null;
  const p = summary.problemCounts;
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t.inspect.summaryLabel}>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <Fact label={t.inspect.objects}>{formatCount(summary.objectCount)}</Fact>
        <Fact label={t.inspect.workflows}>{formatCount(summary.counts.byWorkflow.length)}</Fact>
        <Fact label={t.inspect.format}>
          {summary.format} · {summary.projectIdentifier ?? t.none}
        </Fact>
        <Fact label={t.inspect.dependencies}>
          {t.inspect.depsValue(
            formatCount(summary.counts.dependencies.internal),
            formatCount(summary.counts.dependencies.external),
          )}
        </Fact>
        <Fact label={t.inspect.problems}>{t.inspect.problemsValue(p.error, p.warning, p.info)}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

/** Step three: the package read offline, by workflow or as a table, with detail, graph and every problem. */
export function InspectScreen(_props: { info: AppInfo }) {
  const inspect = useFerry((s) => s.inspect);
  const cancelInspect = useFerry((s) => s.cancelInspect);
  const inspectPackage = useFerry((s) => s.inspectPackage);
  const selectObject = useFerry((s) => s.selectObject);
  const [tab, setTab] = useState<string | null>('tree');

  if (!inspect.source) return <Text c="dimmed">{t.inspect.noPackage}</Text>;
  const { source } = inspect;
  const problemTotal = inspect.summary
    ? inspect.summary.problemCounts.error +
      inspect.summary.problemCounts.warning +
      inspect.summary.problemCounts.info
    : 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.inspect.title}</Title>
        <Text c="dimmed" size="sm">
          {t.inspect.intro(source.label)}{' '}
          <Text span size="xs" ff="monospace">
            {source.path}
          </Text>
        </Text>
      </div>
      {(inspect.status === 'starting' || inspect.status === 'running') && (
        <JobProgress
          jobId={inspect.jobId}
          label={t.inspect.progressLabel}
          onCancel={() => void cancelInspect()}
          cancelLabel={t.inspect.cancel}
          cancellingLabel={t.exportStep.cancelling}
        />
      )}
      {inspect.status === 'failed' && inspect.error && (
        <PackageReadError
          title={t.inspect.failedTitle}
          error={inspect.error}
          path={source.path}
          submitLabel={t.inspect.unlock}
          onUnlocked={() => inspectPackage(source.path, source.label)}
        >
          <Group mt="xs">
            <Button size="xs" variant="default" onClick={() => inspectPackage(source.path, source.label)}>
              {t.inspect.again}
            </Button>
          </Group>
        </PackageReadError>
      )}
      {inspect.status === 'cancelled' && (
        <Alert color="gray" variant="light">
          {t.inspect.cancelled}
        </Alert>
      )}
      {inspect.status === 'ready' && (
        <>
          <Summary />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Tabs value={tab} onChange={setTab} keepMounted={false}>
                <Tabs.List mb="xs" aria-label={t.inspect.browseLabel}>
                  <Tabs.Tab value="tree">{t.inspect.tabs.tree}</Tabs.Tab>
                  <Tabs.Tab value="table">{t.inspect.tabs.table}</Tabs.Tab>
                  <Tabs.Tab value="problems">{t.inspect.tabs.problems(formatCount(problemTotal))}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="tree">
                  <ObjectTree />
                </Tabs.Panel>
                <Tabs.Panel value="table">
                  <ObjectTable />
                </Tabs.Panel>
                <Tabs.Panel value="problems">
                  <ProblemsPanel onShow={selectObject} />
                </Tabs.Panel>
              </Tabs>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <ObjectDetailPane />
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
