import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import type { OpenState } from '../../store/package-slice';
import { useFerry } from '../../store/store-context';

/** While events flow this never fires a request; it only catches up if the event stream dropped some. */
const resyncEveryMs = 3000;

type BusyOpen = Extract<OpenState, { status: 'uploading' | 'starting' | 'running' }>;

/** Progress of the upload or the open job, with its step, counts and a Cancel button. */
export function OpenProgress({ open }: { open: BusyOpen }) {
  const jobId = open.status === 'running' ? open.jobId : null;
  const job = useFerry((s) => (jobId ? s.jobs[jobId] : undefined));
  const cancelOpen = useFerry((s) => s.cancelOpen);
  const syncJobs = useFerry((s) => s.syncJobs);

  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => void syncJobs(), resyncEveryMs);
    return () => clearInterval(timer);
  }, [jobId, syncJobs]);

  const uploading = open.status === 'uploading';
  const total = job?.progress.total ?? null;
  const done = job?.progress.done ?? 0;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 100;
  const step = uploading ? t.open.uploading(open.source) : job?.step || t.open.starting;
  const cancelling = open.status === 'running' && open.cancelRequested;
  const canCancel = uploading || (open.status === 'running' && !open.cancelRequested && !open.finishing);

  return (
    <Paper withBorder p="md" radius="md" aria-busy="true">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500} className="ferry-truncate" title={open.source}>
            {step}
          </Text>
          {job && (
            <Text size="sm" c="dimmed" className="ferry-number">
              {t.open.progressCount(formatCount(done), total === null ? null : formatCount(total))}
            </Text>
          )}
        </Group>
        <Progress
          value={percent}
          striped={!known}
          animated={!known}
          aria-label={uploading ? t.open.uploadProgressLabel : t.open.progressLabel}
        />
        <Group justify="space-between">
          <Text size="xs" c="red" role={open.status === 'running' && open.cancelError ? 'alert' : undefined}>
            {open.status === 'running' && open.cancelError ? open.cancelError.message : ''}
          </Text>
          <Button variant="default" onClick={() => void cancelOpen()} disabled={!canCancel}>
            {cancelling ? t.open.cancelling : t.open.cancel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
