import { Alert, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { t } from '../../i18n';
import { taskNameProblem } from '../../store/import-slice';
import { useFerry } from '../../store/store-context';
import { ReportView } from './ReportView';

function TaskForm() {
  const flow = useFerry((s) => s.importFlow);
  const summary = useFerry((s) => s.plan.head?.summary);
  const setName = useFerry((s) => s.setTaskName);
  const setRemarks = useFerry((s) => s.setRemarks);
  const start = useFerry((s) => s.startImport);
  const problem = taskNameProblem(flow.taskName);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      aria-label={t.importStep.formTitle}
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) void start();
      }}
    >
      <Stack gap="sm">
        {summary && (
          <Text size="sm">
            {t.importStep.willApply(summary.create, summary.update, summary.unchanged, summary.excluded)}
          </Text>
        )}
        <TextInput
          label={t.importStep.taskName}
          description={t.importStep.taskNameRule}
          value={flow.taskName}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problem}
          required
        />
        <Textarea
          label={t.importStep.remarks}
          value={flow.remarks}
          onChange={(e) => setRemarks(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          <Button type="submit" disabled={Boolean(problem)} loading={flow.status === 'starting'}>
            {t.importStep.start}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The Import step: name the task, apply the previewed plan with progress and cancel, then the report. */
export function ImportScreen() {
  const flow = useFerry((s) => s.importFlow);
  const planJobId = useFerry((s) => s.plan.jobId);
  const cancel = useFerry((s) => s.cancelImport);
  const createPlan = useFerry((s) => s.createPlan);
  const navigate = useFerry((s) => s.navigate);
  const hasProfile = useFerry((s) => s.mapping.profile !== null);
  const running = flow.status === 'running' || (flow.status === 'starting' && flow.jobId !== null);
  // A new plan since the last import: offer a new task rather than showing the old report.
  const fresh =
    flow.status === 'idle' || (flow.planJobId !== planJobId && !running && flow.status !== 'starting');
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.importStep.title}</Title>
        <Text c="dimmed" size="sm">
          {t.importStep.intro}
        </Text>
      </div>
      {fresh && planJobId && <TaskForm />}
      {!fresh && flow.status === 'starting' && !flow.jobId && <TaskForm />}
      {running && (
        <JobProgress
          jobId={flow.jobId}
          label={t.importStep.progress}
          onCancel={() => void cancel()}
          cancelLabel={t.importStep.cancel}
          cancellingLabel={t.importStep.cancelling}
        />
      )}
      {flow.error && <ErrorAlert title={t.importStep.failed} error={flow.error} />}
      {flow.status === 'cancelled' && <Alert color="gray">{t.importStep.cancelled}</Alert>}
      {!fresh && flow.status === 'done' && (
        <>
          <ReportView />
          {hasProfile && (
            <Group>
              <Button
                variant="light"
                onClick={() => {
                  void createPlan();
                  navigate('preview');
                }}
              >
                {t.importStep.planAgain}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
