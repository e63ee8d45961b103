import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { defaultTaskName } from '../../store/import-slice';
import { useFerry } from '../../store/store-context';

/** Step 1: writes the hand-off package (mapped SPEC zip and CreateImportMigration parameters) from the plan. */
export function HandoffSection({ info }: { info: AppInfo }) {
  const handoff = useFerry((s) => s.uploadFlow.handoff);
  const planReady = useFerry((s) => s.plan.status === 'ready' && s.plan.jobId !== null);
  const taskName = useFerry((s) => s.importFlow.taskName);
  const packagePath = useFerry((s) => s.uploadFlow.packagePath);
  const setHandoff = useFerry((s) => s.setHandoff);
  const writeHandoff = useFerry((s) => s.writeHandoff);
  const setPackage = useFerry((s) => s.setUploadPackage);
  const name = handoff.name || taskName || defaultTaskName();
  const outDir = handoff.outDir || `${info.userDataDir}/handoff`;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.upload.handoffTitle}>
      <Stack gap="sm">
        <Title order={3}>{t.upload.handoffTitle}</Title>
        <Text size="sm" c="dimmed">
          {planReady ? t.upload.handoffText : t.upload.needPlanForHandoff}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label={t.upload.handoffName}
            description={t.upload.handoffNameHint}
            value={name}
            onChange={(e) => setHandoff({ name: e.currentTarget.value })}
          />
          <TextInput
            label={t.upload.handoffOutDir}
            description={t.upload.handoffOutDirHint}
            value={outDir}
            onChange={(e) => setHandoff({ outDir: e.currentTarget.value })}
          />
        </Group>
        <Group>
          <Button
            variant="default"
            disabled={!planReady || !name.trim() || !outDir.trim()}
            loading={handoff.status === 'running'}
            onClick={() => {
              setHandoff({ name, outDir });
              void writeHandoff();
            }}
          >
            {t.upload.writeHandoff}
          </Button>
        </Group>
        {handoff.status === 'running' && (
          <JobProgress
            jobId={handoff.jobId}
            label={t.upload.writingHandoff}
            cancelLabel={t.upload.cancelHandoff}
            cancellingLabel={t.upload.cancellingHandoff}
          />
        )}
        {handoff.status === 'failed' && handoff.error && (
          <ErrorAlert title={t.upload.handoffFailed} error={handoff.error} />
        )}
        {handoff.status === 'ready' && handoff.parametersPath && (
          <Text size="sm">{t.upload.handoffWritten(handoff.parametersPath)}</Text>
        )}
        <TextInput
          label={t.upload.packagePath}
          description={t.upload.packagePathHint}
          value={packagePath}
          onChange={(e) => setPackage(e.currentTarget.value)}
        />
      </Stack>
    </Paper>
  );
}
