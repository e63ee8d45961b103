import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { t } from '../../i18n';
import { useFerry } from '../../store/store-context';

/**
 * What blocks the import: every reference neither mapped nor ignored, conflicts under the refuse policy and error
 * findings, each with a link to the Map section that fixes it. Empty: the import may go.
 */
export function GatePanel() {
  const head = useFerry((s) => s.plan.head);
  const focus = useFerry((s) => s.focusMapSection);
  const profileKnown = useFerry((s) => s.mapping.profile !== null);
  if (!head) return null;
  const { gate, summary } = head;
  const errors = head.findings.filter((f) => f.severity === 'error' && f.rule !== 'name-conflict');
  const blocked = !summary.importable;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.preview.gateTitle}>
      <Title order={3} size="h4" mb="xs">
        {t.preview.gateTitle}
      </Title>
      {!blocked ? (
        <Alert color="teal" variant="light" role="status" title={t.preview.gateClear}>
          {t.preview.gateClearText}
        </Alert>
      ) : (
        <Stack gap="xs">
          <Alert color="orange" variant="light" role="status" title={t.preview.gateBlocked}>
            {t.preview.gateBlockedText(summary.gate, summary.conflict, summary.errors)}
          </Alert>
          <ul className="ferry-plain-list" aria-label={t.preview.gateList}>
            {gate.map((item) => (
              <li key={`${item.kind}-${item.source}`}>
                <Group justify="space-between" wrap="nowrap" py={4}>
                  <Text size="sm">
                    <Text span fw={600} ff="monospace">
                      {item.source}
                    </Text>{' '}
                    <Text span c="dimmed" size="xs">
                      ({item.kind})
                    </Text>{' '}
                    {item.message}
                  </Text>
                  {profileKnown && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => focus(item.fix)}
                      aria-label={t.preview.fixIn(item.source)}
                    >
                      {t.preview.fix}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
            {summary.conflict > 0 && (
              <li>
                <Group justify="space-between" wrap="nowrap" py={4}>
                  <Text size="sm">{t.preview.conflicts(summary.conflict)}</Text>
                  {profileKnown && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => focus('conflictPolicy')}
                      aria-label={t.preview.fixConflicts}
                    >
                      {t.preview.fix}
                    </Button>
                  )}
                </Group>
              </li>
            )}
            {errors.map((f, i) => (
              <li key={`e-${i}`}>
                <Text size="sm" c="red" py={4}>
                  {f.message}
                </Text>
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Paper>
  );
}
