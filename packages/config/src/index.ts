export { ConfigError, ENV, type EnvName, type EnvValue, env, validateEnv, type Variable } from './env.ts';
