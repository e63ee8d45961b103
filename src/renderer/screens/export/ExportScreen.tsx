import { Grid, Group, Paper, Radio, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { useFerry } from '../../store/store-context';
import { ExportQueue } from './ExportQueue';
import { ObjectDetailsModal } from './ObjectDetailsModal';
import { ObjectPicker } from './ObjectPicker';
import { WritePanel } from './WritePanel';

function ScopeChooser() {
  const type = useFerry((s) => s.exportFlow.type);
  const incremental = useFerry((s) => s.exportFlow.incremental);
  const since = useFerry((s) => s.exportFlow.since);
  const setExportType = useFerry((s) => s.setExportType);
  const setIncremental = useFerry((s) => s.setIncremental);
  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-start" gap="xl" wrap="wrap">
        <div>
          <Text size="sm" fw={500} id="export-type" mb={4}>
            {t.exportStep.typeLabel}
          </Text>
          <SegmentedControl
            aria-labelledby="export-type"
            value={type}
            onChange={(v) => setExportType(v)}
            data={(['full', 'incremental', 'custom'] as const).map((value) => ({
              value,
              label: t.exportStep.types[value],
            }))}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t.exportStep.typeHints[type]}
          </Text>
        </div>
        {type === 'incremental' && (
          <Radio.Group
            label={t.exportStep.incrementalLabel}
            value={incremental}
            onChange={(v) => setIncremental(v)}
          >
            <Group mt={6} gap="md" align="center">
              <Radio value="last" label={t.exportStep.sinceLast} />
              <Radio value="date" label={t.exportStep.sinceDate} />
              {incremental === 'date' && (
                <TextInput
                  type="date"
                  aria-label={t.exportStep.sinceDateLabel}
                  title={t.exportStep.sinceDateHint}
                  value={since}
                  onChange={(e) => setIncremental('date', e.currentTarget.value)}
                  size="xs"
                />
              )}
            </Group>
          </Radio.Group>
        )}
      </Group>
    </Paper>
  );
}

/** Step two: package a workspace (full, incremental or hand-picked), watch it being written, go inspect it. */
export function ExportScreen(_props: { info: AppInfo }) {
  const workspacePath = useFerry((s) => s.exportFlow.workspacePath);
  const workspaceLabel = useFerry((s) => s.exportFlow.workspaceLabel);
  const type = useFerry((s) => s.exportFlow.type);
  if (!workspacePath) {
    return <Text c="dimmed">{t.exportStep.noWorkspace}</Text>;
  }
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.exportStep.title}</Title>
        <Text c="dimmed" size="sm">
          {t.exportStep.intro(workspaceLabel)}{' '}
          <Text span size="xs" ff="monospace">
            {workspacePath}
          </Text>
        </Text>
      </div>
      <ScopeChooser />
      {type === 'custom' ? (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <ObjectPicker />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <ExportQueue />
          </Grid.Col>
        </Grid>
      ) : (
        <ExportQueue />
      )}
      <WritePanel />
      <ObjectDetailsModal />
    </Stack>
  );
}
