import { Badge, Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { mappingSections, type MappingSection } from '../../../shared/model/mapping-profile';
import { PackageReadError } from '../../components/PassphrasePrompt';
import { t } from '../../i18n';
import '../../styles/migration.css';
import { baseName } from '../../lib/paths';
import { mappingRows, unmappedCount, unresolvedOwners } from '../../store/mapping-rows';
import { useFerry } from '../../store/store-context';
import { MappingTable } from './MappingTable';
import { ProfileToolbar } from './ProfileToolbar';
import { CommitRulesSection, ConflictSection, OwnerSection, ParametersSection } from './RuleSections';

export type MapSectionId = MappingSection | 'parameters' | 'owner' | 'commitRules' | 'conflictPolicy';

/** The element id of a section, the target of the Preview gate's "Fix in Map" links. */
export const mapSectionId = (id: string) => `map-section-${id}`;

function Section({ id, unmapped, children }: { id: MapSectionId; unmapped?: number; children: ReactNode }) {
  const focus = useFerry((s) => s.mapping.focus);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus === id && ref.current) {
      ref.current.scrollIntoView?.({ block: 'start' });
      ref.current.querySelector<HTMLElement>('h3')?.focus();
    }
  }, [focus, id]);
  const title = t.map.sections[id];
  return (
    <Paper
      component="section"
      ref={ref}
      id={mapSectionId(id)}
      withBorder
      p="md"
      radius="md"
      aria-labelledby={`${mapSectionId(id)}-title`}
      data-focused={focus === id || undefined}
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id={`${mapSectionId(id)}-title`} tabIndex={-1}>
          {title}
        </Title>
        {unmapped !== undefined && (
          <Badge
            color={unmapped > 0 ? 'orange' : 'teal'}
            variant="light"
            aria-label={t.map.unmappedLabel(unmapped, title)}
          >
            {t.map.unmapped(unmapped)}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t.map.sectionHints[id]}
      </Text>
      {children}
    </Paper>
  );
}

function Sections() {
  const profile = useFerry((s) => s.mapping.profile);
  const suggestions = useFerry((s) => s.mapping.suggestions);
  const findings = useFerry((s) => s.mapping.findings);
  const known = useFerry((s) => s.mapping.known);
  const rows = useMemo(
    () =>
      profile
        ? Object.fromEntries(
            mappingSections.map((section) => [section, mappingRows(profile, suggestions, section, known)]),
          )
        : null,
    [profile, suggestions, known],
  );
  if (!profile || !rows) return null;
  return (
    <Stack gap="md">
      {mappingSections.map((section) => (
        <Section key={section} id={section} unmapped={unmappedCount(rows[section])}>
          <MappingTable
            section={section}
            title={t.map.sections[section]}
            rows={rows[section]}
            findings={findings}
          />
        </Section>
      ))}
      <Section id="parameters">
        <ParametersSection />
      </Section>
      <Section id="owner" unmapped={unresolvedOwners(profile, suggestions, known)}>
        <OwnerSection />
      </Section>
      <Section id="commitRules">
        <CommitRulesSection />
      </Section>
      <Section id="conflictPolicy">
        <ConflictSection />
      </Section>
    </Stack>
  );
}

function Findings() {
  const findings = useFerry((s) => s.mapping.findings);
  const validating = useFerry((s) => s.mapping.validating);
  return (
    <Paper withBorder p="sm" radius="md" aria-label={t.map.findingsTitle} component="section">
      <Group gap="xs" mb={findings.length ? 'xs' : 0}>
        <Text size="sm" fw={600}>
          {t.map.findingsTitle}
        </Text>
        {validating && <Loader size="xs" aria-label={t.map.validating} />}
        {!validating && findings.length === 0 && (
          <Text size="sm" c="teal">
            {t.map.noFindings}
          </Text>
        )}
      </Group>
      {findings.length > 0 && (
        <ul className="ferry-plain-list" aria-label={t.map.findingsTitle}>
          {findings.map((f) => (
            <li key={`${f.path}-${f.code}`}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge
                  size="sm"
                  color={f.severity === 'error' ? 'red' : 'yellow'}
                  variant="light"
                  style={{ flexShrink: 0 }}
                >
                  {f.severity === 'error' ? t.map.error : t.map.warning}
                </Badge>
                <Text size="sm">
                  {f.message}{' '}
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {f.path} · {f.rule}
                  </Text>
                </Text>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}

/** The Map step: destination, suggested profile, one section per mapping kind, profiles and YAML. */
export function MapScreen() {
  const source = useFerry((s) => s.inspect.source);
  const exportWorkspace = useFerry((s) => s.exportFlow.workspacePath);
  const samples = useFerry((s) => s.samples.items);
  const mapping = useFerry((s) => s.mapping);
  const setMappingSource = useFerry((s) => s.setMappingSource);
  const setDestination = useFerry((s) => s.setDestination);
  const suggest = useFerry((s) => s.suggestProfile);
  const loadSamples = useFerry((s) => s.loadSamples);
  const samplesStatus = useFerry((s) => s.samples.status);

  // The package Inspect opened is what we map; when it was exported here, its workspace is the source workspace.
  const packagePath = source?.path ?? null;
  const isFolder = packagePath !== null && !/\.zip$/i.test(packagePath);
  const sourceWorkspace = isFolder ? null : exportWorkspace;
  useEffect(() => {
    if (packagePath) setMappingSource(packagePath, sourceWorkspace);
  }, [packagePath, sourceWorkspace, setMappingSource]);
  useEffect(() => {
    if (samplesStatus === 'idle') void loadSamples();
  }, [samplesStatus, loadSamples]);

  // Default destination: the prod sample when the dev sample is the source.
  const dev = samples.find((s) => s.id === 'dev');
  const prod = samples.find((s) => s.id === 'prod');
  const fromDev = Boolean(dev && (sourceWorkspace === dev.path || packagePath === dev.path));
  useEffect(() => {
    if (fromDev && prod && !mapping.destinationPath) setDestination(prod.path);
  }, [fromDev, prod, mapping.destinationPath, setDestination]);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.map.title}</Title>
        <Text c="dimmed" size="sm">
          {t.map.intro}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Text size="sm">
            {t.map.package}{' '}
            <Text span fw={600} title={packagePath ?? undefined}>
              {packagePath ? baseName(packagePath) : t.none}
            </Text>
          </Text>
          <Group align="flex-end" gap="sm">
            <TextInput
              style={{ flex: 1 }}
              label={t.map.destinationLabel}
              description={fromDev && prod ? t.map.destinationSampleHint : t.map.destinationHint}
              value={mapping.destinationPath}
              onChange={(e) => setDestination(e.currentTarget.value)}
            />
            <Button
              onClick={() => void suggest()}
              loading={mapping.status === 'loading'}
              disabled={!packagePath || !mapping.destinationPath.trim()}
            >
              {mapping.profile ? t.map.suggestAgain : t.map.suggest}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {mapping.error && (
        <PackageReadError
          title={t.map.suggestFailed}
          error={mapping.error}
          path={packagePath}
          submitLabel={t.map.unlock}
          onUnlocked={() => void suggest()}
        />
      )}
      {mapping.status === 'idle' && !mapping.profile && (
        <Text size="sm" c="dimmed">
          {t.map.empty}
        </Text>
      )}
      {mapping.profile && (
        <>
          <ProfileToolbar />
          <Findings />
          <Sections />
        </>
      )}
    </Stack>
  );
}
