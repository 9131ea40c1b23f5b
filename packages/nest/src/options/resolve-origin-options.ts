import { OriginPolicy } from '../origins/origin-policy';
import type { RealtimeOriginOptions } from '../origins/realtime-origin-options.interface';
import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';

/** Compiles `origins` into the policy `allowRequest` applies, or `undefined` when it is not set. */
export function resolveOriginOptions(origins: RealtimeOriginOptions | undefined, problems: OptionProblems): OriginPolicy | undefined {
  if (origins === undefined) return undefined;
  if (typeof origins !== 'object' || origins === null || !Array.isArray(origins.allow)) {
    problems.add(OptionMessages.origins());
    return undefined;
  }
  const allowMissing = origins.allowMissing ?? true;
  if (typeof allowMissing !== 'boolean') problems.add(OptionMessages.booleanOption('origins.allowMissing', allowMissing));
  const allowSameOrigin = origins.allowSameOrigin ?? false;
  if (typeof allowSameOrigin !== 'boolean') problems.add(OptionMessages.booleanOption('origins.allowSameOrigin', allowSameOrigin));
  const compiled = OriginPolicy.compile(origins.allow, { allowMissing: allowMissing === true, allowSameOrigin: allowSameOrigin === true });
  if (compiled instanceof OriginPolicy) return compiled;
  problems.add(OptionMessages.originEntries(compiled.invalid));
  return undefined;
}
