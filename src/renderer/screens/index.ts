import type { ComponentType } from 'react';
import { HistoryIcon, PackageIcon } from '../components/icons';
import { t } from '../i18n';
import type { AppInfo, ScreenId } from '../store/app-slice';
import { HistoryScreen } from './history/HistoryScreen';
import { OpenPackageScreen } from './open/OpenPackageScreen';

/**
 * The navbar and the main area are rendered from this list. The later wizard steps (inspect, map, dry-run,
 * preview, import) are added here as data too, with a `canEnter(state)` guard once there is state to guard on.
 */
export interface ScreenDefinition {
  id: ScreenId;
  title: string;
  Icon: ComponentType;
  Component: ComponentType<{ info: AppInfo }>;
}

export const screens: readonly ScreenDefinition[] = [
  { id: 'open', title: t.nav.open, Icon: PackageIcon, Component: OpenPackageScreen },
  { id: 'history', title: t.nav.history, Icon: HistoryIcon, Component: HistoryScreen },
];
