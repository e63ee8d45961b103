import { ActionIcon, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { t } from '../i18n';
import { MoonIcon, SunIcon } from './icons';

/** Flips between the light and dark themes; the choice is remembered by Mantine in localStorage. */
export function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const label = computed === 'dark' ? t.app.switchToLight : t.app.switchToDark;
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={label}
      title={label}
      onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')}
    >
      {computed === 'dark' ? <SunIcon /> : <MoonIcon />}
    </ActionIcon>
  );
}
