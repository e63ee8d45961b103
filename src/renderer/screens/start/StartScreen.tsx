import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { useFerry } from '../../store/store-context';
import { RecentPackages } from './RecentPackages';

function SamplesCard() {
  const samples = useFerry((s) => s.samples);
  const loadSamples = useFerry((s) => s.loadSamples);
  const trySamples = useFerry((s) => s.trySamples);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (samples.status === 'idle') void loadSamples();
  }, [samples.status, loadSamples]);

  const dev = samples.items.find((s) => s.id === 'dev');
  const prod = samples.items.find((s) => s.id === 'prod');
  const missing = samples.status === 'ready' && !dev;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="start-samples">
      <Stack gap="sm">
        <Title order={3} size="h4" id="start-samples">
          {t.start.samplesTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {dev && prod
            ? t.start.samplesText(dev.projectIdentifier, prod.projectIdentifier)
            : t.start.samplesTextPlain}
        </Text>
        {samples.error && <ErrorAlert title={t.start.samplesFailed} error={samples.error} />}
        <Group>
          <Button
            onClick={() => {
              setBusy(true);
              void trySamples().finally(() => setBusy(false));
            }}
            loading={busy || samples.status === 'loading'}
            disabled={missing}
          >
            {t.start.trySamples}
          </Button>
        </Group>
        {missing && (
          <Text size="sm" c="dimmed">
            {t.start.samplesMissing}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function WorkspaceCard() {
  const openWorkspace = useFerry((s) => s.openWorkspace);
  const exportFromWorkspace = useFerry((s) => s.exportFromWorkspace);
  const [path, setPath] = useState('');
  const trimmed = path.trim();

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="start-workspace">
      <Stack gap="sm">
        <Title order={3} size="h4" id="start-workspace">
          {t.start.workspaceTitle}
        </Title>
        {/* No folder dialog exists in the API yet, so desktop and browser both take the path. */}
        <TextInput
          label={t.start.workspaceLabel}
          description={t.start.workspaceDescription}
          placeholder={t.start.workspacePlaceholder}
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          spellCheck={false}
          autoComplete="off"
        />
        <Group gap="sm">
          <Button
            disabled={!trimmed}
            onClick={() => exportFromWorkspace(trimmed)}
            title={t.start.exportWorkspaceHint}
          >
            {t.start.exportWorkspace}
          </Button>
          <Button
            variant="default"
            disabled={!trimmed}
            onClick={() => openWorkspace(trimmed)}
            title={t.start.openWorkspaceHint}
          >
            {t.start.openWorkspace}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function PackageCard() {
  const navigate = useFerry((s) => s.navigate);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="start-package">
      <Stack gap="sm">
        <Title order={3} size="h4" id="start-package">
          {t.start.packageTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {t.start.packageText}
        </Text>
        <Group>
          <Button variant="default" onClick={() => navigate('open')}>
            {t.start.openPackage}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Step one: where the migration starts (samples, a workspace, a package) and what was done recently. */
export function StartScreen(_props: { info: AppInfo }) {
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.start.title}</Title>
        <Text c="dimmed" size="sm">
          {t.start.intro}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <SamplesCard />
        <WorkspaceCard />
        <PackageCard />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <RecentPackages />
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="start-tasks">
          <Stack gap="xs">
            <Title order={3} size="h4" id="start-tasks">
              {t.start.tasksTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {t.start.tasksEmpty}
            </Text>
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
