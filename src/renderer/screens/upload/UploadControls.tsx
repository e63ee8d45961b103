import {
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatBytes, formatDateTime } from '../../lib/format';
import { canSkipOss } from '../../store/cloud-slice';
import { useFerry } from '../../store/store-context';
import { uploadBlocker } from '../../store/upload-slice';
import { useTransferRate } from './transfer-rate';

/** The upload's bytes, rate and time left, while it runs or once it has a job. */
function UploadProgress() {
  const flow = useFerry((s) => s.uploadFlow);
  const job = useFerry((s) => (s.uploadFlow.jobId ? s.jobs[s.uploadFlow.jobId] : undefined));
  const done = job?.progress.done ?? 0;
  const total = job?.progress.total ?? flow.fileSize;
  const { bytesPerSecond, secondsLeft } = useTransferRate(flow.jobId, done, total);
  const active = flow.status === 'uploading' || flow.status === 'pausing';
  if (!job && !active) return null;
  const percent = total ? Math.min(100, (done / total) * 100) : 0;
  return (
    <Stack gap={4}>
      <Progress
        value={flow.status === 'completed' ? 100 : percent}
        aria-label={t.upload.progressLabel}
        animated={active}
      />
      <Group gap="md">
        <Text size="sm" className="ferry-number">
          {t.upload.bytes(formatBytes(done), total !== null ? formatBytes(total) : t.none)}
        </Text>
        {active && bytesPerSecond !== null && (
          <Text size="sm">{t.upload.rate(formatBytes(bytesPerSecond))}</Text>
        )}
        {active && secondsLeft !== null && (
          <Text size="sm">{t.upload.timeLeft(t.upload.duration(secondsLeft))}</Text>
        )}
      </Group>
      {active && job?.step && (
        <Text size="xs" c="dimmed">
          {job.step}
        </Text>
      )}
    </Stack>
  );
}

/** Starts, pauses and resumes the upload, with its progress and the download link DataWorks reads from. */
export function UploadControls() {
  const flow = useFerry((s) => s.uploadFlow);
  const start = useFerry((s) => s.startUpload);
  const pause = useFerry((s) => s.pauseUpload);
  const resume = useFerry((s) => s.resumeUpload);
  const cancel = useFerry((s) => s.cancelUpload);
  const refreshUrl = useFerry((s) => s.refreshUploadUrl);
  const total = useFerry((s) =>
    s.uploadFlow.jobId ? (s.jobs[s.uploadFlow.jobId]?.progress.total ?? null) : null,
  );
  const size = flow.fileSize ?? total;
  const blocker = uploadBlocker(flow);
  const busy = flow.status === 'starting' || flow.status === 'uploading' || flow.status === 'pausing';
  const resumable = flow.uploadId !== null && (flow.status === 'paused' || flow.status === 'failed');
  const cancellable = flow.uploadId !== null && (busy || resumable);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.upload.progressLabel}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {canSkipOss(size) ? t.upload.smallPackage : t.upload.sizeUnknownNote}
        </Text>
        <Group>
          <Button
            onClick={() => void start()}
            disabled={Boolean(blocker) || busy}
            loading={flow.status === 'starting'}
          >
            {t.upload.start}
          </Button>
          <Button
            variant="default"
            onClick={() => void pause()}
            disabled={flow.status !== 'uploading'}
            loading={flow.status === 'pausing'}
          >
            {flow.status === 'pausing' ? t.upload.pausing : t.upload.pause}
          </Button>
          <Button variant="default" onClick={() => void resume()} disabled={!resumable}>
            {t.upload.resume}
          </Button>
          <Button variant="default" color="red" onClick={() => void cancel()} disabled={!cancellable}>
            {t.upload.cancel}
          </Button>
          <Badge
            variant="light"
            aria-label={t.upload.statusLabel}
            color={flow.status === 'failed' ? 'red' : 'gray'}
          >
            {t.upload.status[flow.status]}
          </Badge>
        </Group>
        {blocker && flow.status === 'idle' && (
          <Text size="sm" c="dimmed">
            {blocker}
          </Text>
        )}
        <UploadProgress />
        {flow.error && <ErrorAlert title={t.upload.failed} error={flow.error} />}
        {flow.status === 'completed' && flow.url && (
          <Stack gap={4}>
            <Title order={4}>{t.upload.urlTitle}</Title>
            <TextInput
              label={t.upload.urlLabel}
              description={t.upload.urlHint}
              value={flow.url.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
            />
            <Group>
              <Text size="sm">{t.upload.expires(formatDateTime(flow.url.expiresAt))}</Text>
              <CopyButton value={flow.url.url}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" variant="light" onClick={copy}>
                    {copied ? t.upload.copied : t.upload.copy}
                  </Button>
                )}
              </CopyButton>
              <Button size="compact-sm" variant="default" onClick={() => void refreshUrl()}>
                {t.upload.newUrl}
              </Button>
            </Group>
          </Stack>
        )}
        {flow.urlError && <ErrorAlert title={t.upload.urlFailed} error={flow.urlError} />}
      </Stack>
    </Paper>
  );
}
