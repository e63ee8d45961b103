import { Badge, Button, Group, Paper, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DryRunRule } from '../../../shared/model/mapping-profile';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { formatCount } from '../../lib/format';
import { useFerry } from '../../store/store-context';
import { NodeList } from './NodeList';

const ruleFields = ['nodeType', 'nameGlob', 'folderGlob', 'outputTablePattern'] as const;

function RuleForm() {
  const add = useFerry((s) => s.addDryRunRule);
  const [rule, setRule] = useState<DryRunRule>({});
  const usable = ruleFields.some((f) => rule[f]?.trim());
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      {ruleFields.map((field) => (
        <TextInput
          key={field}
          size="xs"
          label={t.dryrun.fields[field]}
          placeholder={t.dryrun.placeholders[field]}
          value={rule[field] ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setRule((r) => ({ ...r, [field]: v }));
          }}
        />
      ))}
      <Button
        size="xs"
        disabled={!usable}
        onClick={() => {
          const clean: DryRunRule = {};
          for (const f of ruleFields) if (rule[f]?.trim()) clean[f] = rule[f].trim();
          add(clean);
          setRule({});
        }}
      >
        {t.dryrun.addRule}
      </Button>
    </Group>
  );
}

function describeRule(rule: DryRunRule): string {
  return ruleFields
    .filter((f) => rule[f])
    .map((f) => `${t.dryrun.fields[f]} ${rule[f]}`)
    .join(' · ');
}

function Rules() {
  const rules = useFerry((s) => s.mapping.profile?.dryRun.rules) ?? [];
  const perRule = useFerry((s) => s.dryRun.perRule);
  const status = useFerry((s) => s.dryRun.status);
  const remove = useFerry((s) => s.removeDryRunRule);
  if (rules.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t.dryrun.noRules}
      </Text>
    );
  return (
    <Table aria-label={t.dryrun.rulesTable} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t.dryrun.rule}</Table.Th>
          <Table.Th>{t.dryrun.marks}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rules.map((rule, index) => (
          <Table.Tr key={index}>
            <Table.Td>{describeRule(rule)}</Table.Td>
            <Table.Td>
              {status === 'ready' && perRule[index] !== undefined ? (
                <Badge variant="light">{t.dryrun.ruleCount(perRule[index])}</Badge>
              ) : (
                '…'
              )}
            </Table.Td>
            <Table.Td>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                aria-label={t.dryrun.removeRule(describeRule(rule))}
                onClick={() => remove(index)}
              >
                {t.map.remove}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The Dry-run step: nodes that land scheduled but do not run, marked one by one, in batch or by rule. */
export function DryRunScreen() {
  const recurrence = useFerry((s) => s.mapping.profile?.dryRun.recurrence ?? 'Skip');
  const oneByOne = useFerry((s) => s.mapping.profile?.dryRun.nodes.length ?? 0);
  const preview = useFerry((s) => s.dryRun);
  const setDryRun = useFerry((s) => s.setDryRun);
  const previewDryRun = useFerry((s) => s.previewDryRun);
  useEffect(() => {
    void previewDryRun();
  }, [previewDryRun]);
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.dryrun.title}</Title>
        <Text c="dimmed" size="sm">
          {t.dryrun.intro}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-end">
          <Radio.Group
            label={t.dryrun.recurrence}
            value={recurrence}
            onChange={(v) =>
              setDryRun((d) => {
                d.recurrence = v;
              })
            }
          >
            <Group mt="xs">
              <Radio value="Skip" label={t.dryrun.skip} />
              <Radio value="Pause" label={t.dryrun.pause} />
            </Group>
          </Radio.Group>
          <Text role="status" fw={600}>
            {t.dryrun.markedTotal(formatCount(preview.marked.length), formatCount(oneByOne))}
          </Text>
        </Group>
      </Paper>
      {preview.error && <ErrorAlert title={t.dryrun.previewFailed} error={preview.error} />}
      <Paper withBorder p="md" radius="md" component="section" aria-label={t.dryrun.rulesTitle}>
        <Title order={3} size="h4" mb="xs">
          {t.dryrun.rulesTitle}
        </Title>
        <Stack gap="sm">
          <Rules />
          <RuleForm />
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t.dryrun.nodesTitle}>
        <Title order={3} size="h4" mb="xs">
          {t.dryrun.nodesTitle}
        </Title>
        <NodeList marked={preview.marked} />
      </Paper>
    </Stack>
  );
}
