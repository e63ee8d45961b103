import { Button, Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { cloudImportBlocker, cloudRegion } from '../../store/cloud-slice';
import { useFerry } from '../../store/store-context';
import { CloudStateBadge } from '../history/CloudImports';
import { CredentialsFields } from './CredentialsFields';

/** Step 4: creates the import task in DataWorks through the OpenAPI and follows it to a final state. */
export function CloudImportSection() {
  const state = useFerry((s) => s);
  const flow = state.cloudFlow;
  const setForm = useFerry((s) => s.setCloudForm);
  const start = useFerry((s) => s.startCloudImport);
  const stop = useFerry((s) => s.cancelCloudImport);
  const handoffName = useFerry((s) => s.uploadFlow.handoff.name);
  const blocker = cloudImportBlocker({
    ...state,
    cloudFlow: { ...flow, form: { ...flow.form, name: flow.form.name || handoffName } },
  });
  const running = flow.status === 'starting' || flow.status === 'running';
  const region = cloudRegion(state);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.cloud.title}>
      <Stack gap="sm">
        <Title order={3}>{t.cloud.title}</Title>
        <Text size="sm" c="dimmed">
          {t.cloud.intro}
        </Text>
        <Radio.Group
          label={t.cloud.packageFrom}
          value={flow.form.packageFrom}
          onChange={(v) => setForm({ packageFrom: v === 'file' ? 'file' : 'url' })}
        >
          <Group mt={4}>
            <Radio value="url" label={t.cloud.fromUrl} />
            <Radio value="file" label={t.cloud.fromFile} />
          </Group>
        </Radio.Group>
        <Group grow align="flex-end">
          <TextInput
            label={t.cloud.projectId}
            description={t.cloud.projectIdHint}
            inputMode="numeric"
            value={flow.form.projectId}
            onChange={(e) => setForm({ projectId: e.currentTarget.value })}
            required
          />
          <TextInput
            label={t.cloud.region}
            description={t.cloud.regionHint}
            placeholder={region || 'cn-hangzhou'}
            value={flow.form.region}
            onChange={(e) => setForm({ region: e.currentTarget.value })}
          />
          <TextInput
            label={t.cloud.name}
            description={t.upload.handoffNameHint}
            value={flow.form.name || handoffName}
            onChange={(e) => setForm({ name: e.currentTarget.value })}
            required
          />
        </Group>
        <CredentialsFields
          value={flow.form.credentials}
          onChange={(credentials) => setForm({ credentials })}
          label={t.cloud.credentialsLabel}
          envHint={t.cloud.credentialsEnvHint}
          fileLabel={t.cloud.credentialsFilePath}
          vaultLabel={t.cloud.vaultSelect}
        />
        <Group>
          <Button
            onClick={() => {
              if (!flow.form.name && handoffName) setForm({ name: handoffName });
              void start();
            }}
            disabled={Boolean(blocker) || running}
            loading={flow.status === 'starting'}
          >
            {t.cloud.start}
          </Button>
          {flow.record && <CloudStateBadge state={flow.record.state} />}
        </Group>
        {blocker && !running && (
          <Text size="sm" c="dimmed">
            {blocker}
          </Text>
        )}
        {flow.status === 'running' && (
          <JobProgress
            jobId={flow.jobId}
            label={t.cloud.progressLabel}
            onCancel={() => void stop()}
            cancelLabel={t.cloud.stop}
            cancellingLabel={t.cloud.stopping}
          />
        )}
        {flow.record && (
          <Group gap="xs" aria-label={t.cloud.statusLabel}>
            {flow.record.migrationId && <Text size="sm">{t.cloud.migration(flow.record.migrationId)}</Text>}
            {flow.record.states.map((s) => (
              <Text key={`${s.state}-${s.at}`} size="xs" c="dimmed">
                {s.state} · {formatDateTime(s.at)}
              </Text>
            ))}
          </Group>
        )}
        {flow.error && <ErrorAlert title={t.cloud.failed} error={flow.error} />}
      </Stack>
    </Paper>
  );
}
