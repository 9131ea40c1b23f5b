import { spawn } from 'node:child_process';

/** What a finished command printed and how it exited. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * What `npm run` adds to a script's environment about the script and the monorepo: npm would read
 * `npm_config_local_prefix` (the workspace root) and the workspace settings as its own and treat
 * a fixture as part of the monorepo. The user's npm settings (`npm_config_registry`, `_cache`,
 * `_cafile`, ...) stay.
 */
const SCRIPT_CONTEXT = /^(npm_package_|npm_lifecycle_|npm_command$|npm_execpath$|npm_node_execpath$|npm_config_(local_prefix|workspaces?|include_workspace_root|call|user_agent)$|INIT_CWD$)/i;

/** The environment for child processes: this one, without the script context of the `npm test` running the suite. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!SCRIPT_CONTEXT.test(key)) env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs a command to completion and resolves with its output, whatever its exit code. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = childEnv()): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs a command and rejects, with everything it printed, unless it exits with 0. */
export async function runOk(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CommandResult> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
