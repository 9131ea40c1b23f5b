import { Injectable, NotFoundException, type CanActivate } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * Hides a route unless `DEMO_AUTH=true`: a 404, as if it did not exist, so a production server
 * does not even reveal that a token-minting route is compiled in.
 */
@Injectable()
export class DemoAuthGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (!this.config.env.demoAuth) throw new NotFoundException();
    return true;
  }
}
