import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { formatCount } from '../lib/format';
import { t } from '../i18n';
import { useFerry } from '../store/store-context';

/** While events flow this never fires a request; it only catches up if the event stream dropped some. */
const resyncEveryMs = 3000;

/**
 * A running job as the user follows it: its current step, counts, a progress bar (striped while the total is
 * unknown) and Cancel. Reads the job from the store, fed by `job:updated`.
 */
export function JobProgress({
  jobId,
  label,
  onCancel,
  cancelling = false,
  cancelLabel,
  cancellingLabel,
}: {
  jobId: string | null;
  /** The progress bar's accessible name. */
  label: string;
  onCancel?: () => void;
  cancelling?: boolean;
  cancelLabel: string;
  cancellingLabel: string;
}) {
  const job = useFerry((s) => (jobId ? s.jobs[jobId] : undefined));
  const syncJobs = useFerry((s) => s.syncJobs);

  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => void syncJobs(), resyncEveryMs);
    return () => clearInterval(timer);
  }, [jobId, syncJobs]);

  const total = job?.progress.total ?? null;
  const done = job?.progress.done ?? 0;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 100;

  return (
    <Paper withBorder p="md" radius="md" aria-busy="true">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={500} className="ferry-truncate">
            {job?.step || t.inspect.starting}
          </Text>
          {job && (
            <Text size="sm" c="dimmed" className="ferry-number">
              {t.open.progressCount(formatCount(done), total === null ? null : formatCount(total))}
            </Text>
          )}
        </Group>
        <Progress value={percent} striped={!known} animated={!known} aria-label={label} />
        {onCancel && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} disabled={cancelling || !jobId}>
              {cancelling ? cancellingLabel : cancelLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
