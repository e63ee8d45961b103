import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  Progress,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { t } from '../../i18n';
import { formatBytes, formatDateTime } from '../../lib/format';
import type { AppInfo } from '../../store/app-slice';
import { canSkipOss, cloudImportBlocker, cloudRegion } from '../../store/cloud-slice';
import { defaultTaskName } from '../../store/import-slice';
import { useFerry } from '../../store/store-context';
import { uploadBlocker } from '../../store/upload-slice';
import { CloudStateBadge } from '../history/CloudImports';
import { CredentialsFields, SavedCredentialsForm } from './CredentialsFields';
import { useTransferRate } from './transfer-rate';

function HandoffSection({ info }: { info: AppInfo }) {
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

function TargetSection() {
  const target = useFerry((s) => s.uploadFlow.target);
  const credentials = useFerry((s) => s.uploadFlow.credentials);
  const setTarget = useFerry((s) => s.setUploadTarget);
  const setCredentials = useFerry((s) => s.setUploadCredentials);
  const vaultAvailable = useFerry((s) => s.savedCredentials.available);
  const keyHint = useFerry(
    (s) => s.uploads.rows.find((r) => r.uploadId === s.uploadFlow.uploadId)?.accessKeyHint ?? null,
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.upload.targetTitle}>
      <Stack gap="sm">
        <Title order={3}>{t.upload.targetTitle}</Title>
        <TextInput
          label={t.upload.endpoint}
          description={t.upload.endpointHint}
          placeholder="oss-cn-hangzhou.aliyuncs.com"
          value={target.endpoint}
          onChange={(e) => setTarget({ endpoint: e.currentTarget.value })}
          required
        />
        <Group grow align="flex-start">
          <TextInput
            label={t.upload.bucket}
            value={target.bucket}
            onChange={(e) => setTarget({ bucket: e.currentTarget.value })}
            required
          />
          <TextInput
            label={t.upload.key}
            description={t.upload.keyHint}
            value={target.key}
            onChange={(e) => setTarget({ key: e.currentTarget.value })}
          />
          <TextInput
            label={t.upload.region}
            description={t.upload.regionHint}
            value={target.region}
            onChange={(e) => setTarget({ region: e.currentTarget.value })}
          />
        </Group>
        <Switch
          label={t.upload.pathStyle}
          description={t.upload.pathStyleHint}
          checked={target.pathStyle}
          onChange={(e) => setTarget({ pathStyle: e.currentTarget.checked })}
        />
        <Title order={3}>{t.upload.credentialsTitle}</Title>
        <CredentialsFields
          value={credentials}
          onChange={setCredentials}
          label={t.upload.credentialsLabel}
          envHint={t.upload.credentialsEnvHint}
          fileLabel={t.upload.credentialsFilePath}
          vaultLabel={t.upload.vaultSelect}
        />
        <SavedCredentialsForm
          chosen={credentials.source === 'vault' ? credentials.name : ''}
          onSaved={(name) => setCredentials({ source: 'vault', name })}
        />
        <Alert variant="light" color="gray">
          <Text size="sm">{vaultAvailable ? t.upload.credentialsWhyVault : t.upload.credentialsWhy}</Text>
        </Alert>
        {keyHint && <Text size="sm">{t.upload.keyHint4(keyHint)}</Text>}
      </Stack>
    </Paper>
  );
}

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

function UploadControls() {
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

function CloudImportSection() {
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
        <Group grow align="flex-start">
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

/** The cloud hand-off: write the hand-off package, upload it to OSS with pause/resume, then import it in DataWorks. */
export function UploadScreen({ info }: { info: AppInfo }) {
  const loadUploads = useFerry((s) => s.loadUploads);
  const loadSavedCredentials = useFerry((s) => s.loadSavedCredentials);
  useEffect(() => {
    void loadUploads();
    void loadSavedCredentials();
  }, [loadUploads, loadSavedCredentials]);
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.upload.title}</Title>
        <Text c="dimmed" size="sm">
          {t.upload.intro}
        </Text>
      </div>
      <HandoffSection info={info} />
      <TargetSection />
      <UploadControls />
      <CloudImportSection />
    </Stack>
  );
}
