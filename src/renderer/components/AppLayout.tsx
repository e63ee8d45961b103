import { AppShell, Badge, Burger, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { t } from '../i18n';
import { screenHref } from '../lib/hash-route';
import { navItems } from '../screens';
import { isStepId } from '../store/wizard-guards';
import { useFerry } from '../store/store-context';
import { ErrorAlert } from './ErrorAlert';
import { ThemeToggle } from './ThemeToggle';

function MainArea() {
  const screen = useFerry((s) => s.screen);
  const info = useFerry((s) => s.info);
  const infoStatus = useFerry((s) => s.infoStatus);
  const infoError = useFerry((s) => s.infoError);
  const loadInfo = useFerry((s) => s.loadInfo);

  if (infoStatus === 'failed' && infoError) {
    const hint = infoError.code === 'unauthorized' ? t.app.unauthorizedHint : t.app.backendHint;
    return (
      <ErrorAlert title={t.app.backendUnreachableTitle} error={infoError} hint={hint}>
        <Text
          component="button"
          type="button"
          size="sm"
          mt="xs"
          td="underline"
          style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', color: 'inherit' }}
          onClick={() => void loadInfo()}
        >
          {t.app.retry}
        </Text>
      </ErrorAlert>
    );
  }
  if (!info) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm">{t.app.loading}</Text>
      </Group>
    );
  }
  const id = isStepId(screen) ? 'wizard' : screen;
  const current = navItems.find((item) => item.id === id) ?? navItems[0];
  return <current.Component info={info} />;
}

/** The frame: header with the theme toggle, navbar built from the screen list, and the current screen. */
export function AppLayout() {
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const screen = useFerry((s) => s.screen);
  const lastStep = useFerry((s) => s.lastStep);
  const navigate = useFerry((s) => s.navigate);
  const mode = useFerry((s) => s.info?.mode);
  const activeItem = isStepId(screen) ? 'wizard' : screen;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t.app.toggleNavigation}
            />
            <Title order={1} size="h3">
              {t.app.name}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {t.app.tagline}
            </Text>
            {mode && (
              <Badge variant="light" color="gray">
                {mode === 'web' ? t.app.modeWeb : t.app.modeDesktop}
              </Badge>
            )}
          </Group>
          <ThemeToggle />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t.app.mainNavigation}>
        {navItems.map(({ id, title, Icon }) => {
          const target = id === 'wizard' ? lastStep : id;
          return (
            <NavLink
              key={id}
              href={screenHref(target)}
              label={title}
              leftSection={<Icon />}
              active={activeItem === id}
              aria-current={activeItem === id ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(target);
                close();
              }}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <MainArea />
      </AppShell.Main>
    </AppShell>
  );
}
