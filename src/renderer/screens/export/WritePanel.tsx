import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { t } from '../../i18n';
import { formatBytes, formatCount } from '../../lib/format';
import { isWriting, outPathOf, scopeOf } from '../../store/export-slice';
import { useFerry } from '../../store/store-context';

/** Name and place of the package, Write, progress while the job runs, then the result and "Inspect this package". */
export function WritePanel() {
  const flow = useFerry((s) => s.exportFlow);
  const setPackageName = useFerry((s) => s.setPackageName);
  const setOutputFolder = useFerry((s) => s.setOutputFolder);
  const setOverwrite = useFerry((s) => s.setOverwrite);
  const writePackage = useFerry((s) => s.writePackage);
  const cancelWrite = useFerry((s) => s.cancelWrite);
  const inspectExported = useFerry((s) => s.inspectExported);

  const outPath = outPathOf(flow);
  const busy = isWriting(flow);
  const nothing =
    !scopeOf(flow) || (flow.preview.status === 'ready' && (flow.preview.data?.counts.objects ?? 0) === 0);
  const { write } = flow;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="export-write">
      <Stack gap="sm">
        <Title order={3} size="h4" id="export-write">
          {t.exportStep.writeTitle}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label={t.exportStep.packageNameLabel}
            description={t.exportStep.packageNameHint}
            value={flow.packageName}
            onChange={(e) => setPackageName(e.currentTarget.value)}
            disabled={busy}
            spellCheck={false}
            autoComplete="off"
          />
          <TextInput
            label={t.exportStep.outputFolderLabel}
            description={t.exportStep.outputFolderHint}
            value={flow.outputFolder}
            onChange={(e) => setOutputFolder(e.currentTarget.value)}
            disabled={busy}
            spellCheck={false}
            autoComplete="off"
          />
        </SimpleGrid>
        <Group justify="space-between" align="center">
          <Stack gap={4}>
            <Checkbox
              label={t.exportStep.overwriteLabel}
              checked={flow.overwrite}
              onChange={(e) => setOverwrite(e.currentTarget.checked)}
              disabled={busy}
              size="sm"
            />
            {outPath && (
              <Text size="xs" c="dimmed" className="ferry-truncate" title={outPath}>
                {t.exportStep.outPath(outPath)}
              </Text>
            )}
          </Stack>
          <Button onClick={() => void writePackage()} disabled={busy || !outPath || nothing} loading={busy}>
            {t.exportStep.writeButton}
          </Button>
        </Group>
        {(write.status === 'starting' || write.status === 'running') && (
          <JobProgress
            jobId={write.status === 'running' ? write.jobId : null}
            label={t.exportStep.writing}
            onCancel={() => void cancelWrite()}
            cancelling={write.status === 'running' && write.cancelRequested}
            cancelLabel={t.exportStep.cancel}
            cancellingLabel={t.exportStep.cancelling}
          />
        )}
        {write.status === 'failed' && <ErrorAlert title={t.exportStep.failedTitle} error={write.error} />}
        {write.status === 'cancelled' && (
          <Alert color="gray" variant="light">
            {t.exportStep.cancelled}
          </Alert>
        )}
        {write.status === 'succeeded' && (
          <Alert color="teal" variant="light" title={t.exportStep.doneTitle} role="status">
            <Stack gap="xs">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {write.result.path}
              </Text>
              <Text size="sm">
                {t.exportStep.doneText(
                  formatCount(write.result.counts.objects),
                  formatBytes(write.result.size),
                )}
              </Text>
              <Group>
                <Button onClick={inspectExported}>{t.exportStep.inspectThis}</Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
