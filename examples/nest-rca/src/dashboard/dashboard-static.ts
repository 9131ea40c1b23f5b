import type { ServeStaticModuleOptions } from '@nestjs/serve-static';
import type { AppConfig } from '../config/app-config';

/**
 * `ServeStaticModule` options that serve the built React dashboard (`DASHBOARD_DIR`) from this
 * app, so the dashboard, the HTTP API and Socket.IO share one origin and one port. Only files
 * and `/` are served: the dashboard routes with the URL's hash, so an unknown API path stays a
 * 404 instead of becoming the page.
 */
export function dashboardStaticOptions({ env }: AppConfig): ServeStaticModuleOptions[] {
  if (env.dashboardDir === undefined) return [];
  return [{ rootPath: env.dashboardDir, renderPath: '/' }];
}
