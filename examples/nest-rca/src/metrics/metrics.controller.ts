import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Public } from '../auth/public.decorator';
import { PrometheusMetrics } from './prometheus-metrics';

/**
 * `GET /metrics` for Prometheus, with `METRICS=true`; a 404 otherwise. Unauthenticated, like
 * most scrape targets: it is bound to `HOST` with the rest of the app, so keep it on a private
 * interface or behind the proxy's rules (see the README).
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: PrometheusMetrics) {}

  @Public()
  @Get('metrics')
  scrape(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    if (!this.metrics.enabled) throw new NotFoundException();
    this.metrics.scrape(request, response);
  }
}
