import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DemoAuthGuard } from './demo-auth.guard';
import { parseDevTokenRequest } from './dev-token-request';
import { Public } from './public.decorator';

/**
 * Issues tokens for local tries and the demo, standing in for the product's real login.
 * Served only with `DEMO_AUTH=true`; a 404 otherwise.
 */
@Controller('auth')
export class DevTokenController {
  constructor(private readonly jwt: JwtService) {}

  @Public()
  @UseGuards(DemoAuthGuard)
  @Post('dev-token')
  async issue(@Body() body: unknown): Promise<{ token: string }> {
    const { userId, tenantId, role, email, rcaIds } = parseDevTokenRequest(body);
    const token = await this.jwt.signAsync({ sub: userId, tenantId, role, email, rcaIds });
    return { token };
  }
}
