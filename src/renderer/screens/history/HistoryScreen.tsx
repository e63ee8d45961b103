import { Button, Group, Loader, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect } from 'react';
import type { PackageRecord } from '../../../shared/model/history';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatBytes, formatCount, formatDateTime, shortSha } from '../../lib/format';
import { useFerry } from '../../store/store-context';
import { TaskHistory } from './TaskHistory';
import { CloudImports } from './CloudImports';

function HistoryRow({ record, onReopen }: { record: PackageRecord; onReopen: (r: PackageRecord) => void }) {
  return (
    <Table.Tr className="ferry-clickable-row" onClick={() => onReopen(record)}>
      <Table.Td className="ferry-truncate">
        {/* The row is clickable for the mouse; this button is the same action for keyboard and screen readers. */}
        <UnstyledButton
          fw={500}
          aria-label={t.history.reopen(record.fileName)}
          onClick={(e) => {
            e.stopPropagation();
            onReopen(record);
          }}
        >
          {record.fileName}
        </UnstyledButton>
      </Table.Td>
      <Table.Td className="ferry-truncate" title={record.path}>
        {record.path}
      </Table.Td>
      <Table.Td className="ferry-number" title={`${formatCount(record.size)} B`}>
        {formatBytes(record.size)}
      </Table.Td>
      <Table.Td className="ferry-number">{formatCount(record.entryCount)}</Table.Td>
      <Table.Td>{formatDateTime(record.openedAt)}</Table.Td>
      <Table.Td title={record.sha256}>
        <Text component="span" ff="monospace" size="sm">
          {shortSha(record.sha256)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Packages opened on this machine, newest first; a row opens its package again. */
export function HistoryScreen() {
  const history = useFerry((s) => s.history);
  const loadHistory = useFerry((s) => s.loadHistory);
  const reopen = useFerry((s) => s.reopen);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const onReopen = (record: PackageRecord) => void reopen(record);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t.history.title}</Title>
          <Text c="dimmed" size="sm">
            {t.history.intro}
          </Text>
        </div>
        <Button variant="default" onClick={() => void loadHistory()} loading={history.status === 'loading'}>
          {t.history.refresh}
        </Button>
      </Group>
      <TaskHistory />
      {history.status === 'failed' && history.error && (
        <ErrorAlert title={t.history.loadFailed} error={history.error} />
      )}
      {history.status === 'loading' && history.records.length === 0 && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t.history.loading}</Text>
        </Group>
      )}
      {history.status === 'ready' && history.records.length === 0 && (
        <Paper withBorder p="xl" radius="md">
          <Text ta="center" c="dimmed">
            {t.history.empty}
          </Text>
        </Paper>
      )}
      {history.records.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table layout="fixed" highlightOnHover aria-label={t.history.tableLabel}>
            <colgroup>
              <col style={{ width: '22%' }} />
              <col />
              <col style={{ width: 90 }} />
              <col style={{ width: 80 }} />
              <col style={{ width: 200 }} />
              <col style={{ width: 130 }} />
            </colgroup>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.history.fileName}</Table.Th>
                <Table.Th>{t.history.path}</Table.Th>
                <Table.Th className="ferry-number">{t.history.size}</Table.Th>
                <Table.Th className="ferry-number">{t.history.entries}</Table.Th>
                <Table.Th>{t.history.openedAt}</Table.Th>
                <Table.Th>{t.history.sha}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.records.map((record) => (
                <HistoryRow key={record.id} record={record} onReopen={onReopen} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CloudImports />
    </Stack>
  );
}
