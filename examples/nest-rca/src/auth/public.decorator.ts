import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'nest-rca:public-route';

/** Lets a route through the global {@link JwtAuthGuard}: every other route needs a Bearer token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
