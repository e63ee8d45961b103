import { Badge, Button, CopyButton, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { CloudImportRecord } from '../../../shared/model/cloud-import';
import type { UploadRecord } from '../../../shared/model/upload';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatBytes, formatDateTime } from '../../lib/format';
import { canFollowAgain } from '../../store/cloud-slice';
import { useFerry } from '../../store/store-context';

const stateColors: Record<string, string> = {
  CREATING: 'gray',
  INIT: 'gray',
  IMPORTING: 'blue',
  IMPORT_SUCCESS: 'green',
  PARTIAL_SUCCESS: 'yellow',
  IMPORT_ERROR: 'red',
  REVOKED: 'dark',
  CANCELLED: 'gray',
  FAILED: 'red',
};

/** A DataWorks migration state as a badge: the state id (as DataWorks names it) with its meaning as the title. */
export function CloudStateBadge({ state }: { state: string }) {
  const meaning = t.cloud.states[state] ?? state;
  return (
    <Badge
      color={stateColors[state] ?? 'gray'}
      variant="light"
      title={meaning}
      aria-label={`${state}: ${meaning}`}
    >
      {state}
    </Badge>
  );
}

const uploadColors: Record<string, string> = {
  uploading: 'blue',
  paused: 'yellow',
  failed: 'red',
  completed: 'green',
  cancelled: 'gray',
};

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function CloudImportRow({
  row,
  following,
  onFollow,
}: {
  row: CloudImportRecord;
  following: boolean;
  onFollow: (r: CloudImportRecord) => void;
}) {
  return (
    <Table.Tr>
      <Table.Td>
        <CloudStateBadge state={row.state} />
      </Table.Td>
      <Table.Td>{formatDateTime(row.createdAt)}</Table.Td>
      <Table.Td className="ferry-truncate" title={row.name}>
        {row.name}
        {row.migrationId && (
          <Text size="xs" c="dimmed">
            {t.cloud.migration(row.migrationId)}
          </Text>
        )}
      </Table.Td>
      <Table.Td className="ferry-truncate" title={row.packageRef}>
        {row.packageRef}
      </Table.Td>
      <Table.Td>{t.cloudHistory.projectCell(row.projectId, row.region)}</Table.Td>
      <Table.Td>{formatDateTime(row.finishedAt)}</Table.Td>
      <Table.Td>
        {canFollowAgain(row) && (
          <Button
            size="compact-sm"
            variant="default"
            loading={following}
            onClick={() => onFollow(row)}
            aria-label={t.cloudHistory.followAgain(row.name)}
          >
            {t.cloudHistory.followAgainShort}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function UploadRow({ row, onResume }: { row: UploadRecord; onResume: (r: UploadRecord) => void }) {
  const name = fileName(row.filePath);
  const resumable = row.state === 'paused' || row.state === 'failed' || row.state === 'uploading';
  return (
    <Table.Tr>
      <Table.Td>
        <Badge color={uploadColors[row.state] ?? 'gray'} variant="light">
          {t.cloudHistory.uploadStates[row.state] ?? row.state}
        </Badge>
      </Table.Td>
      <Table.Td className="ferry-truncate" title={row.filePath}>
        {name}
      </Table.Td>
      <Table.Td className="ferry-truncate" title={`${row.endpoint} ${row.bucket}/${row.key}`}>
        {row.bucket}/{row.key}
      </Table.Td>
      <Table.Td className="ferry-number">
        {t.upload.bytes(formatBytes(row.bytesDone), formatBytes(row.fileSize))}
      </Table.Td>
      <Table.Td className="ferry-truncate">
        {row.url ? (
          <Group gap={4} wrap="nowrap">
            <CopyButton value={row.url}>
              {({ copied, copy }) => (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={copy}
                  aria-label={t.cloudHistory.copyUrl(name)}
                >
                  {copied ? t.upload.copied : t.upload.copy}
                </Button>
              )}
            </CopyButton>
            <Text size="xs" c="dimmed">
              {t.upload.expires(formatDateTime(row.urlExpiresAt))}
            </Text>
          </Group>
        ) : row.state === 'completed' ? (
          <Text size="xs" c="dimmed">
            {t.cloudHistory.urlNotInSession}
          </Text>
        ) : (
          t.none
        )}
      </Table.Td>
      <Table.Td>
        {resumable && (
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onResume(row)}
            aria-label={t.cloudHistory.resume(name)}
          >
            {t.cloudHistory.resumeShort}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** History's cloud section: DataWorks cloud imports (state, time, package, project) and uploads to OSS (resumable). */
export function CloudImports() {
  const imports = useFerry((s) => s.cloudImports);
  const uploads = useFerry((s) => s.uploads);
  const loadImports = useFerry((s) => s.loadCloudImports);
  const loadUploads = useFerry((s) => s.loadUploads);
  const resume = useFerry((s) => s.resumeUpload);
  const navigate = useFerry((s) => s.navigate);
  const follow = useFerry((s) => s.followCloudImport);
  const cloudFlow = useFerry((s) => s.cloudFlow);
  const followingId =
    cloudFlow.status === 'starting' || cloudFlow.status === 'running' ? cloudFlow.importId : null;

  useEffect(() => {
    void loadImports();
    void loadUploads();
  }, [loadImports, loadUploads]);

  const onResume = (row: UploadRecord) => {
    void resume(row.uploadId);
    navigate('upload');
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t.cloudHistory.title}</Title>
          <Text c="dimmed" size="sm">
            {t.cloudHistory.intro}
          </Text>
        </div>
        <Button
          variant="default"
          onClick={() => {
            void loadImports();
            void loadUploads();
          }}
          loading={imports.status === 'loading' || uploads.status === 'loading'}
        >
          {t.cloudHistory.refresh}
        </Button>
      </Group>
      {imports.status === 'failed' && imports.error && (
        <ErrorAlert title={t.cloudHistory.importsFailed} error={imports.error} />
      )}
      {cloudFlow.error && cloudFlow.importId && (
        <ErrorAlert title={t.cloudHistory.followFailed} error={cloudFlow.error} />
      )}
      {imports.status === 'loading' && imports.rows.length === 0 && <Loader size="sm" />}
      {imports.status === 'ready' && imports.rows.length === 0 ? (
        <Paper withBorder p="md" radius="md">
          <Text ta="center" c="dimmed" size="sm">
            {t.cloudHistory.importsEmpty}
          </Text>
        </Paper>
      ) : (
        imports.rows.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table layout="fixed" aria-label={t.cloudHistory.importsTable}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ width: 150 }}>{t.cloudHistory.state}</Table.Th>
                  <Table.Th style={{ width: 170 }}>{t.cloudHistory.time}</Table.Th>
                  <Table.Th>{t.cloudHistory.name}</Table.Th>
                  <Table.Th>{t.cloudHistory.package}</Table.Th>
                  <Table.Th style={{ width: 150 }}>{t.cloudHistory.project}</Table.Th>
                  <Table.Th style={{ width: 170 }}>{t.cloudHistory.finished}</Table.Th>
                  <Table.Th style={{ width: 130 }}>{t.cloudHistory.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.rows.map((row) => (
                  <CloudImportRow
                    key={row.id}
                    row={row}
                    following={followingId === row.id}
                    onFollow={(r) => void follow(r.id)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
      <Title order={4}>{t.cloudHistory.uploadsTitle}</Title>
      {uploads.status === 'failed' && uploads.error && (
        <ErrorAlert title={t.cloudHistory.uploadsFailed} error={uploads.error} />
      )}
      {uploads.status === 'ready' && uploads.rows.length === 0 ? (
        <Paper withBorder p="md" radius="md">
          <Text ta="center" c="dimmed" size="sm">
            {t.cloudHistory.uploadsEmpty}
          </Text>
        </Paper>
      ) : (
        uploads.rows.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table layout="fixed" aria-label={t.cloudHistory.uploadsTable}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ width: 120 }}>{t.cloudHistory.state}</Table.Th>
                  <Table.Th>{t.cloudHistory.file}</Table.Th>
                  <Table.Th>{t.cloudHistory.destination}</Table.Th>
                  <Table.Th className="ferry-number" style={{ width: 170 }}>
                    {t.cloudHistory.bytes}
                  </Table.Th>
                  <Table.Th style={{ width: 220 }}>{t.cloudHistory.url}</Table.Th>
                  <Table.Th style={{ width: 100 }}>{t.cloudHistory.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {uploads.rows.map((row) => (
                  <UploadRow key={row.uploadId} row={row} onResume={onResume} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      )}
    </Stack>
  );
}
