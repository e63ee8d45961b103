import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatCount, formatDateTime } from '../../lib/format';
import { baseName } from '../../lib/paths';
import type { TaskRow } from '../../store/import-slice';
import { useFerry } from '../../store/store-context';
import { StateBadge } from '../import/ReportView';

function Counts({ row }: { row: TaskRow }) {
  if (!row.results) return <>{t.tasks.objects(formatCount(row.objects))}</>;
  const r = row.results;
  return <>{t.tasks.results(r.total, r.succeeded, r.failed, r.skipped)}</>;
}

/** Import tasks, newest first: state, time, package, destination, counts; open the report or plan, import again. */
export function TaskHistory() {
  const tasks = useFerry((s) => s.tasks);
  const load = useFerry((s) => s.loadTasks);
  const showReport = useFerry((s) => s.showTaskReport);
  const importAgain = useFerry((s) => s.importAgain);
  const openPlan = useFerry((s) => s.openPlanFile);
  const navigate = useFerry((s) => s.navigate);
  const saved = useFerry((s) => s.mapping.saved);
  const loadProfiles = useFerry((s) => s.loadSavedProfiles);
  useEffect(() => {
    void load();
    void loadProfiles();
  }, [load, loadProfiles]);

  const toReport = async (id: number) => {
    await showReport(id);
    navigate('import');
  };
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tasks-title">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="tasks-title">
            {t.tasks.title}
          </Title>
          <Button size="xs" variant="default" onClick={() => void load()}>
            {t.tasks.refresh}
          </Button>
        </Group>
        {tasks.error && <ErrorAlert title={t.tasks.loadFailed} error={tasks.error} />}
        {tasks.rows.length === 0 ? (
          tasks.status === 'ready' && (
            <Text size="sm" c="dimmed">
              {t.tasks.empty}
            </Text>
          )
        ) : (
          <Table aria-label={t.tasks.table} verticalSpacing={6} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.tasks.name}</Table.Th>
                <Table.Th>{t.tasks.state}</Table.Th>
                <Table.Th>{t.tasks.time}</Table.Th>
                <Table.Th>{t.tasks.package}</Table.Th>
                <Table.Th>{t.tasks.destination}</Table.Th>
                <Table.Th>{t.tasks.counts}</Table.Th>
                <Table.Th>{t.tasks.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td fw={500}>{row.name}</Table.Td>
                  <Table.Td miw={170}>
                    <StateBadge state={row.state} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(row.finishedAt ?? row.startedAt ?? row.createdAt)}</Table.Td>
                  <Table.Td title={row.packagePath}>{baseName(row.packagePath)}</Table.Td>
                  <Table.Td title={row.destinationPath}>{row.destinationProject}</Table.Td>
                  <Table.Td>
                    <Counts row={row} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {row.results && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={t.tasks.openReport(row.name)}
                          onClick={() => void toReport(row.id)}
                        >
                          {t.tasks.report}
                        </Button>
                      )}
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        disabled={!row.planPath}
                        title={row.planPath ?? t.tasks.noPlanFile}
                        aria-label={t.tasks.openPlan(row.name)}
                        onClick={() => {
                          if (!row.planPath) return;
                          void openPlan(row.planPath);
                          navigate('preview');
                        }}
                      >
                        {t.tasks.plan}
                      </Button>
                      {row.state !== 'completed' && row.state !== 'editing' && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="orange"
                          aria-label={t.tasks.importAgain(row.name)}
                          onClick={() => {
                            void importAgain(row.id);
                            navigate('import');
                          }}
                        >
                          {t.importStep.importAgain}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profiles-title">
        <Title order={3} size="h4" id="profiles-title" mb="sm">
          {t.tasks.profilesTitle}
        </Title>
        {saved.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.tasks.noProfiles}
          </Text>
        ) : (
          <Table aria-label={t.tasks.profilesTitle} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.tasks.name}</Table.Th>
                <Table.Th>{t.tasks.projects}</Table.Th>
                <Table.Th>{t.tasks.updated}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {saved.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td fw={500}>{r.name}</Table.Td>
                  <Table.Td>
                    {r.sourceProject} → {r.destinationProject}
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
