import { Button, Group, Stack, Stepper, Text } from '@mantine/core';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { useFerry } from '../../store/store-context';
import { canMove, isStepId, type Guard } from '../../store/wizard-guards';
import { wizardSteps } from '../wizard-steps';

const separator = '\u0001';

/**
 * The generic wizard: a Stepper built from the step list, the current step's component, and Back/Next that ask
 * the same guards as the Stepper (a step you cannot enter is a disabled button whose title says why).
 */
export function Wizard({ info }: { info: AppInfo }) {
  const screen = useFerry((s) => s.screen);
  const navigate = useFerry((s) => s.navigate);
  const blockedReason = useFerry((s) => s.blockedReason);
  // Guards are pure functions of the state, re-run on every store change. The selector returns one string
  // (each step's refusal reason, empty when allowed) so the component re-renders only when an answer changes.
  const reasons = useFerry((s) =>
    wizardSteps
      .map((step) => {
        const guard = canMove(s, s.screen, step.id);
        return guard.ok ? '' : guard.reason;
      })
      .join(separator),
  );
  const guards: Guard[] = reasons
    .split(separator)
    .map((reason) => (reason ? { ok: false, reason } : { ok: true }));

  const active = Math.max(
    0,
    wizardSteps.findIndex((step) => step.id === screen),
  );
  const current = wizardSteps[active];
  const previous = wizardSteps[active - 1];
  const next = wizardSteps[active + 1];
  const nextGuard = next ? guards[active + 1] : null;
  const previousGuard = previous ? guards[active - 1] : null;

  if (!isStepId(screen)) return null;
  return (
    <Stack gap="lg">
      <nav aria-label={t.wizard.stepsLabel}>
        <Stepper active={active} onStepClick={(index) => navigate(wizardSteps[index].id)} size="sm">
          {wizardSteps.map((step, index) => {
            const guard = guards[index];
            const reason = guard.ok ? undefined : t.wizard.stepUnavailable(step.title, guard.reason);
            return (
              <Stepper.Step
                key={step.id}
                label={step.title}
                // Eight steps fit one line at laptop widths only with one description: the current step's.
                description={index === active ? step.description : undefined}
                allowStepSelect={guard.ok && index !== active}
                disabled={!guard.ok}
                title={reason ?? step.description}
                aria-current={index === active ? 'step' : undefined}
                aria-label={step.title}
              />
            );
          })}
        </Stepper>
      </nav>
      <current.Component info={info} />
      <Group justify="space-between" pt="md" className="ferry-wizard-footer">
        <div>
          {previous && (
            <Button
              variant="default"
              onClick={() => navigate(previous.id)}
              disabled={!previousGuard?.ok}
              title={previousGuard && !previousGuard.ok ? previousGuard.reason : undefined}
            >
              {t.wizard.back}
            </Button>
          )}
        </div>
        <Group gap="sm">
          {blockedReason && (
            <Text size="sm" c="dimmed" role="status">
              {blockedReason}
            </Text>
          )}
          {next && (
            <Button
              variant="light"
              onClick={() => navigate(next.id)}
              disabled={!nextGuard?.ok}
              title={nextGuard && !nextGuard.ok ? nextGuard.reason : undefined}
            >
              {t.wizard.next(next.title)}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
