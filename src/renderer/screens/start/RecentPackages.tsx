import { Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useFerry } from '../../store/store-context';

const shown = 6;

/** The newest packages from history, each one click away from the Inspect step. */
export function RecentPackages() {
  const history = useFerry((s) => s.history);
  const loadHistory = useFerry((s) => s.loadHistory);
  const inspectPackageFile = useFerry((s) => s.inspectPackageFile);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const records = history.records.slice(0, shown);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="start-recent">
      <Stack gap="xs">
        <Title order={3} size="h4" id="start-recent">
          {t.start.recentTitle}
        </Title>
        {history.status === 'failed' && history.error && (
          <ErrorAlert title={t.start.recentFailed} error={history.error} />
        )}
        {history.status === 'loading' && records.length === 0 && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t.start.recentLoading}</Text>
          </Group>
        )}
        {history.status === 'ready' && records.length === 0 && (
          <Text size="sm" c="dimmed">
            {t.start.recentEmpty}
          </Text>
        )}
        {records.length > 0 && (
          <Table aria-label={t.start.recentLabel} layout="fixed" verticalSpacing={4}>
            <colgroup>
              <col />
              <col style={{ width: 80 }} />
              <col style={{ width: 170 }} />
              <col style={{ width: 90 }} />
            </colgroup>
            <Table.Tbody>
              {records.map((record) => (
                <Table.Tr key={record.id}>
                  <Table.Td className="ferry-truncate" title={record.path}>
                    {record.fileName}
                  </Table.Td>
                  <Table.Td className="ferry-number">{formatBytes(record.size)}</Table.Td>
                  <Table.Td className="ferry-truncate">{formatDateTime(record.openedAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-label={t.start.inspectRecent(record.fileName)}
                      onClick={() => inspectPackageFile(record.path, record.fileName)}
                    >
                      {t.inspect.title}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
