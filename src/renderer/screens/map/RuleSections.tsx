import {
  Autocomplete,
  Button,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { conflictPolicies, ownerRules, type CommitRules } from '../../../shared/model/mapping-profile';
import { t } from '../../i18n';
import { ownerRows } from '../../store/mapping-rows';
import { useFerry } from '../../store/store-context';
import { SuggestionCell } from './MappingTable';

/** Scheduling and workflow parameters: a name and the value every parameter of that name gets. */
export function ParametersSection() {
  const parameters = useFerry((s) => s.mapping.profile?.parameters) ?? [];
  const edit = useFerry((s) => s.editProfile);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  return (
    <>
      {parameters.length > 0 && (
        <Table aria-label={t.map.sections.parameters} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.map.parameterName}</Table.Th>
              <Table.Th>{t.map.parameterValue}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {parameters.map((p, index) => (
              <Table.Tr key={p.name}>
                <Table.Td ff="monospace">{p.name}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={t.map.valueOf(p.name)}
                    value={p.value}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      edit((profile) => {
                        profile.parameters[index].value = v;
                      });
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={t.map.removeParameter(p.name)}
                    onClick={() => edit((profile) => void profile.parameters.splice(index, 1))}
                  >
                    {t.map.remove}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="sm">
        <TextInput
          size="xs"
          label={t.map.parameterName}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          label={t.map.parameterValue}
          placeholder="$[yyyymmdd-1]"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <Button
          size="xs"
          variant="default"
          disabled={!name.trim()}
          onClick={() => {
            edit((profile) => {
              profile.parameters.push({ name: name.trim(), value });
            });
            setName('');
            setValue('');
          }}
        >
          {t.map.addParameter}
        </Button>
      </Group>
    </>
  );
}

/** The owner rule, the executor to fall back to, and owners mapped one by one. */
export function OwnerSection() {
  const owner = useFerry((s) => s.mapping.profile?.owner);
  const profile = useFerry((s) => s.mapping.profile);
  const suggestions = useFerry((s) => s.mapping.suggestions);
  const findings = useFerry((s) => s.mapping.findings);
  const known = useFerry((s) => s.mapping.known);
  const edit = useFerry((s) => s.editProfile);
  const accept = useFerry((s) => s.acceptSuggestion);
  if (!owner || !profile) return null;
  const rows = ownerRows(profile, suggestions, known);
  const findingAt = (key: string) => findings.find((f) => f.path.startsWith(`owner.${key}`))?.message;
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Select
          label={t.map.ownerRule}
          value={owner.rule}
          allowDeselect={false}
          data={ownerRules.map((value) => ({ value, label: t.map.ownerRules[value] }))}
          onChange={(value) =>
            value &&
            edit((p) => {
              p.owner.rule = value;
            })
          }
        />
        <TextInput
          label={t.map.executor}
          description={t.map.executorHint}
          value={owner.executor ?? ''}
          error={findingAt('executor')}
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            edit((p) => {
              if (v) p.owner.executor = v;
              else delete p.owner.executor;
            });
          }}
        />
        {owner.rule === 'package-creator' && (
          <TextInput
            label={t.map.packageCreator}
            value={owner.packageCreator ?? ''}
            error={findingAt('packageCreator')}
            onChange={(e) => {
              const v = e.currentTarget.value.trim();
              edit((p) => {
                if (v) p.owner.packageCreator = v;
                else delete p.owner.packageCreator;
              });
            }}
          />
        )}
      </SimpleGrid>
      {rows.length > 0 && (
        <Table aria-label={t.map.ownerMap} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.map.sourceOwner}</Table.Th>
              <Table.Th>{t.map.columns.destination}</Table.Th>
              <Table.Th>{t.map.columns.suggestion}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.source}>
                <Table.Td ff="monospace">{row.source}</Table.Td>
                <Table.Td miw={240}>
                  <Autocomplete
                    size="xs"
                    aria-label={t.map.ownerFor(row.source)}
                    placeholder={
                      owner.executor ? t.map.fallsBackTo(owner.executor) : t.map.destinationPlaceholder
                    }
                    data={row.suggestion?.alternatives.map((a) => a.target) ?? []}
                    value={row.target ?? ''}
                    error={findingAt(`map.${row.source}`)}
                    onChange={(value) =>
                      edit(
                        (p) => {
                          if (value.trim()) p.owner.map[row.source] = value.trim();
                          else delete p.owner.map[row.source];
                        },
                        { section: 'owners', source: row.source },
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <SuggestionCell row={row} onAccept={() => accept('owners', row.source)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

const commitKeys = [
  'resourceAutoCommit',
  'resourceAutoDeploy',
  'functionAutoCommit',
  'functionAutoDeploy',
  'tableAutoCommitToDev',
  'tableAutoCommitToProd',
  'fileAutoCommit',
  'fileAutoDeploy',
  'ignoreLock',
] as const satisfies readonly (keyof CommitRules)[];

export function CommitRulesSection() {
  const rules = useFerry((s) => s.mapping.profile?.commitRules);
  const allFindings = useFerry((s) => s.mapping.findings);
  const findings = allFindings.filter((f) => f.path.startsWith('commitRules'));
  const edit = useFerry((s) => s.editProfile);
  if (!rules) return null;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
        {commitKeys.map((key) => (
          <Switch
            key={key}
            label={t.map.commitRules[key]}
            checked={rules[key]}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              edit((p) => {
                p.commitRules[key] = v;
              });
            }}
          />
        ))}
      </SimpleGrid>
      {findings.map((f) => (
        <Text key={f.path + f.code} size="sm" c={f.severity === 'error' ? 'red' : 'yellow.8'}>
          {f.message}
        </Text>
      ))}
    </>
  );
}

export function ConflictSection() {
  const policy = useFerry((s) => s.mapping.profile?.conflictPolicy);
  const setPolicy = useFerry((s) => s.setConflictPolicy);
  if (!policy) return null;
  return (
    <Radio.Group label={t.map.conflictLabel} value={policy} onChange={(v) => setPolicy(v)}>
      <Group mt="xs" gap="lg">
        {conflictPolicies.map((p) => (
          <Radio key={p} value={p} label={t.map.conflictPolicies[p]} />
        ))}
      </Group>
    </Radio.Group>
  );
}
